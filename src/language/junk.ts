/**
 * Text that is no language at all: runs of initials (`A. B. C. `), one
 * character repeated, a handful of tokens cycling, letters lost among digits
 * and slashes. Trigram models still rank some language first on such input
 * (Baoulé, Tamazight, Wolof …), and extrapolating that ranking over megabytes
 * used to give confidence 1. These checks read only statistics the detector
 * gathers anyway (token and letter counts over the whole text, distinct
 * trigrams of the sample), so they cost nothing per character.
 */

export interface JunkLimits {
  /** Mean letters per word below this (Latin script): initials, single letters. */
  minMeanWord: number;
  /** Mean letters per word above this (Latin script): one character repeated, glued strings. */
  maxMeanWord: number;
  /** Distinct trigrams per character of the sample below this: a few tokens cycling. */
  minTrigramDiversity: number;
  /** The diversity check needs a sample at least this long. */
  diversitySample: number;
}

export const JUNK_LIMITS: JunkLimits = { minMeanWord: 2, maxMeanWord: 25, minTrigramDiversity: 0.08, diversitySample: 200 };

/** Why text with these word statistics is junk, or null (Latin-script text). */
export function wordShapeJunk(tokens: number, letters: number, limits: JunkLimits = JUNK_LIMITS): string | null {
  if (tokens === 0) return null;
  const mean = letters / tokens;
  if (mean < limits.minMeanWord) return `mean word length ${mean.toFixed(1)} letters`;
  if (mean > limits.maxMeanWord) return `mean word length ${mean.toFixed(0)} letters`;
  return null;
}

/** Why a sample with this many distinct trigrams is junk, or null. */
export function diversityJunk(distinctTrigrams: number, sampleLength: number, limits: JunkLimits = JUNK_LIMITS): string | null {
  if (sampleLength < limits.diversitySample) return null;
  const diversity = distinctTrigrams / sampleLength;
  return diversity < limits.minTrigramDiversity ? `${distinctTrigrams} distinct trigrams in ${sampleLength} characters` : null;
}

/** Why a sample in a script other than Latin is junk (a few characters repeated), or null. */
export function characterJunk(sample: string, limits: JunkLimits = JUNK_LIMITS): string | null {
  if (sample.length < limits.diversitySample) return null;
  const seen = new Set<number>();
  for (let i = 0; i < sample.length && seen.size < 16; i++) seen.add(sample.charCodeAt(i));
  return seen.size < 16 ? `${seen.size} distinct characters in ${sample.length}` : null;
}
