/** Command-line flags of the measuring scripts (bench, fuzz): `--name value` and bare `--flag`. */
export function argValue(name: string, argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export function hasFlag(name: string, argv: readonly string[] = process.argv): boolean {
  return argv.includes(name);
}
