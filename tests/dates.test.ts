import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDoc, type DateMention, type Doc, type Section } from '../src/doc.js';
import { datesStage } from '../src/stages/dates.js';
import { createAnalyzer } from '../src/analyze.js';
import { recordToDoc } from '../src/ingest/record.js';

type Lang = 'id' | 'en';

/**
 * One expression in a short sentence: [sentence, language, reference date, expected text,
 * value, granularity, resolution, extra fields]. `text` null means: no date in the sentence.
 */
type Case = [string, Lang, string, string | null, string?, string?, string?, Partial<DateMention>?];

const SAT = '2025-09-06'; // Saturday, the example article's publication date

const CASES: Record<string, Case[]> = {
  'absolute (id)': [
    ['Acara digelar 6 September 2025 di Jakarta.', 'id', SAT, '6 September 2025', '2025-09-06', 'day', 'absolute'],
    ['Rilis itu terbit 6 Sep 2025 pagi.', 'id', SAT, '6 Sep 2025 pagi', '2025-09-06', 'day', 'absolute'],
    ['Pada Sabtu, 6/9/2025, warga berkumpul.', 'id', SAT, 'Sabtu, 6/9/2025', '2025-09-06', 'day', 'absolute'],
    ['Dokumen bertanggal 06-09-2025 itu bocor.', 'id', SAT, '06-09-2025', '2025-09-06', 'day', 'absolute'],
    ['Data per 2025-09-06 menunjukkan kenaikan.', 'id', SAT, '2025-09-06', '2025-09-06', 'day', 'absolute'],
    ['Inflasi September 2025 tercatat rendah.', 'id', SAT, 'September 2025', '2025-09', 'month', 'absolute'],
    ['Harga naik sejak awal Januari.', 'id', SAT, 'sejak awal Januari', '2025-01', 'month', 'absolute'],
    ['Target tercapai pada akhir 2024.', 'id', SAT, 'akhir 2024', '2024', 'year', 'absolute'],
    ['Pada tahun 2019 ia terpilih.', 'id', SAT, 'tahun 2019', '2019', 'year', 'absolute'],
    ['Jepang menyerah pada 1945.', 'id', SAT, '1945', '1945', 'year', 'absolute'],
    ['Ia menjabat sejak 2018.', 'id', SAT, 'sejak 2018', '2018', 'year', 'absolute'],
    ['Ia lahir 17 Agustus 1945 di Blitar.', 'id', SAT, '17 Agustus 1945', '1945-08-17', 'day', 'absolute'],
    ['Rapat digelar pada 12 Oktober.', 'id', SAT, '12 Oktober', '2025-10-12', 'day', 'absolute'],
    ['Pada 4 Maret ia dilantik.', 'id', SAT, '4 Maret', '2025-03-04', 'day', 'absolute'],
    ['Pada 28 Desember ia tiba.', 'id', '2026-01-03', '28 Desember', '2025-12-28', 'day', 'absolute'],
    ['Ia kembali pada 5 Januari.', 'id', '2025-12-20', '5 Januari', '2026-01-05', 'day', 'absolute'],
    ['Pameran dibuka 19 Agustus mendatang.', 'id', SAT, '19 Agustus mendatang', '2026-08-19', 'day', 'absolute'],
    ['Ia pulang 25 Januari lalu.', 'id', SAT, '25 Januari lalu', '2025-01-25', 'day', 'absolute'],
    ['Konferensi itu digelar Juni silam.', 'id', SAT, 'Juni silam', '2025-06', 'month', 'absolute'],
    ['Harga turun pada bulan Maret.', 'id', SAT, 'bulan Maret', '2025-03', 'month', 'absolute'],
    ['Pajak naik pada pertengahan 2024.', 'id', SAT, 'pertengahan 2024', '2024', 'year', 'absolute'],
    ['Pada 31/8 malam hujan turun.', 'id', SAT, '31/8 malam', '2025-08-31', 'day', 'absolute'],
    ['JAKARTA (4/9) - Presiden berbicara di Istana.', 'id', SAT, '4/9', '2025-09-04', 'day', 'absolute'],
    ['Hingga 28 Maret 2007, obligasi terus diterbitkan.', 'id', SAT, 'Hingga 28 Maret 2007', '2007-03-28', 'day', 'absolute'],
    ['Pemilu 2024 berlangsung damai.', 'id', SAT, '2024', '2024', 'year', 'absolute'],
    ['Pertumbuhan ekonomi 2008 meski melambat tetap positif.', 'id', SAT, '2008', '2008', 'year', 'absolute'],
    ['Agenda tanggal 17 Agustus 2025 sudah disiapkan.', 'id', SAT, 'tanggal 17 Agustus 2025', '2025-08-17', 'day', 'absolute'],
    ['Gedung diresmikan 2 Oktober 2025 mendatang.', 'id', SAT, '2 Oktober 2025 mendatang', '2025-10-02', 'day', 'absolute'],
    ['Rapat tahun anggaran 2025 digelar.', 'id', SAT, '2025', '2025', 'year', 'absolute'],
    ['Pemilu digelar 4 Maret tahun depan.', 'id', SAT, '4 Maret tahun depan', '2026-03-04', 'day', 'absolute'],
    ['Upacara tgl. 17 Agustus 2025 meriah.', 'id', SAT, 'tgl. 17 Agustus 2025', '2025-08-17', 'day', 'absolute'],
  ],
  'absolute (en)': [
    ['The talks ended on Sept. 4.', 'en', SAT, 'Sept. 4', '2025-09-04', 'day', 'absolute'],
    ['The report was released September 4, 2025, in Geneva.', 'en', SAT, 'September 4, 2025', '2025-09-04', 'day', 'absolute'],
    ['He arrived on 4 September after a long trip.', 'en', SAT, '4 September', '2025-09-04', 'day', 'absolute'],
    ['The company was founded in 2018.', 'en', SAT, '2018', '2018', 'year', 'absolute'],
    ['He has led the party since 2018.', 'en', SAT, 'since 2018', '2018', 'year', 'absolute'],
    ['The election in May 2024 was close.', 'en', SAT, 'May 2024', '2024-05', 'month', 'absolute'],
    ['Prices rose in early 2024.', 'en', SAT, 'early 2024', '2024', 'year', 'absolute'],
    ['The war ended in mid-2024.', 'en', SAT, 'mid-2024', '2024', 'year', 'absolute'],
    ['Sales fell in March.', 'en', SAT, 'March', '2025-03', 'month', 'absolute'],
    ['The 4th of July parade was cancelled.', 'en', SAT, '4th of July', '2025-07-04', 'day', 'absolute'],
    ['Officials met Thursday, Sept. 4, 2025.', 'en', SAT, 'Thursday, Sept. 4, 2025', '2025-09-04', 'day', 'absolute'],
    ['The contract was signed on 2025-09-04.', 'en', SAT, '2025-09-04', '2025-09-04', 'day', 'absolute'],
    ['Rates were cut last September.', 'en', SAT, 'last September', '2024-09', 'month', 'absolute'],
    ['The event is scheduled for Sept. 20.', 'en', SAT, 'Sept. 20', '2025-09-20', 'day', 'absolute'],
    ['Elections are set for Nov. 4 next year.', 'en', SAT, 'Nov. 4 next year', '2026-11-04', 'day', 'absolute'],
    ['She was born on March 3, 1990, in Ohio.', 'en', SAT, 'March 3, 1990', '1990-03-03', 'day', 'absolute'],
  ],
  'numeric order': [
    ['Pertemuan pada Kamis (4/9) berjalan lancar.', 'id', SAT, 'Kamis (4/9)', '2025-09-04', 'day', 'absolute'],
    ['Dokumen tertanggal 9/4/2025 itu palsu.', 'id', SAT, '9/4/2025', '2025-04-09', 'day', 'absolute'],
    ['Surat bertanggal 6.9.2025 dikirim.', 'id', SAT, '6.9.2025', '2025-09-06', 'day', 'absolute'],
    ['Rapat pada Senin (1/9/2025) ditunda.', 'id', SAT, 'Senin (1/9/2025)', '2025-09-01', 'day', 'absolute'],
    ['The deadline is 9/4/2025.', 'en', SAT, '9/4/2025', '2025-09-04', 'day', 'absolute'],
    ['The deal closed 24/9/2025 in London.', 'en', SAT, '24/9/2025', '2025-09-24', 'day', 'absolute'],
    ['The memo is dated 9/4/25.', 'en', SAT, '9/4/25', '2025-09-04', 'day', 'absolute'],
    ['Arsip bertanggal 2025/09/04 dibuka.', 'id', SAT, '2025/09/04', '2025-09-04', 'day', 'absolute'],
  ],
  weekday: [
    ['Kim bertemu Xi pada Kamis.', 'id', SAT, 'Kamis', '2025-09-04', 'day', 'weekday'],
    ['Banjir melanda pada Rabu (4/9).', 'id', '2025-03-01', 'Rabu (4/9)', '2024-09-04', 'day', 'absolute'],
    ['Hujan turun Sabtu sore.', 'id', SAT, 'Sabtu sore', '2025-09-06', 'day', 'weekday'],
    ['Presiden akan berkunjung pada Kamis.', 'id', SAT, 'Kamis', '2025-09-11', 'day', 'weekday'],
    ['Presiden berkunjung Kamis mendatang.', 'id', SAT, 'Kamis mendatang', '2025-09-11', 'day', 'weekday'],
    ['Ia datang Kamis lalu.', 'id', SAT, 'Kamis lalu', '2025-09-04', 'day', 'weekday'],
    ['Rapat digelar Senin depan.', 'id', SAT, 'Senin depan', '2025-09-08', 'day', 'weekday'],
    ['Pada Minggu (7/9) ia pulang.', 'id', SAT, 'Minggu (7/9)', '2025-09-07', 'day', 'absolute'],
    ['Pasar dibuka hari Senin.', 'id', SAT, 'hari Senin', '2025-09-01', 'day', 'weekday'],
    ['Ia tiba Kamis (4/9) malam.', 'id', SAT, 'Kamis (4/9) malam', '2025-09-04', 'day', 'absolute'],
    ['Ia tiba Kamis malam (4/9).', 'id', SAT, 'Kamis malam (4/9)', '2025-09-04', 'day', 'absolute'],
    ['The meeting was on Thursday.', 'en', SAT, 'Thursday', '2025-09-04', 'day', 'weekday'],
    ['The summit will be held on Thursday.', 'en', SAT, 'Thursday', '2025-09-11', 'day', 'weekday'],
    ['We met last Thursday.', 'en', SAT, 'last Thursday', '2025-09-04', 'day', 'weekday'],
    ['They meet next Friday.', 'en', SAT, 'next Friday', '2025-09-12', 'day', 'weekday'],
    ['She spoke on Thursday night.', 'en', SAT, 'Thursday night', '2025-09-04', 'day', 'weekday'],
    ['He will travel to Beijing, the ministry said on Monday.', 'en', SAT, 'Monday', '2025-09-01', 'day', 'weekday'],
    ['Officials who will attend the summit confirmed on Monday.', 'en', SAT, 'Monday', '2025-09-01', 'day', 'weekday'],
    ['The results will be announced on Monday.', 'en', SAT, 'Monday', '2025-09-08', 'day', 'weekday'],
    ['Ia mengatakan akan berkunjung ke Jakarta pada Senin.', 'id', SAT, 'Senin', '2025-09-08', 'day', 'weekday'],
    ['Menteri yang akan pensiun itu telah bertemu Presiden pada Senin.', 'id', SAT, 'Senin', '2025-09-01', 'day', 'weekday'],
    ['The vote is this Wednesday.', 'en', SAT, 'this Wednesday', '2025-09-03', 'day', 'weekday'],
    ['Ia tiba Kamis pekan lalu.', 'id', SAT, 'Kamis pekan lalu', '2025-08-28', 'day', 'weekday'],
    ['The talks resume Tuesday next week.', 'en', SAT, 'Tuesday next week', '2025-09-09', 'day', 'weekday'],
  ],
  'relative (id)': [
    ['Ia tiba kemarin di bandara.', 'id', SAT, 'kemarin', '2025-09-05', 'day', 'relative'],
    ['Presiden mengatakan kemarin (5/9) bahwa harga turun.', 'id', SAT, 'kemarin (5/9)', '2025-09-05', 'day', 'absolute'],
    ['Hari ini harga cabai naik.', 'id', SAT, 'Hari ini', '2025-09-06', 'day', 'relative'],
    ['Rapat digelar besok.', 'id', SAT, 'besok', '2025-09-07', 'day', 'relative'],
    ['Sidang dilanjutkan lusa.', 'id', SAT, 'lusa', '2025-09-08', 'day', 'relative'],
    ['Ia datang kemarin lusa.', 'id', SAT, 'kemarin lusa', '2025-09-04', 'day', 'relative'],
    ['Pekan lalu ia ke Bali.', 'id', SAT, 'Pekan lalu', '2025-W35', 'week', 'relative'],
    ['Minggu depan ia ke Surabaya.', 'id', SAT, 'Minggu depan', '2025-W37', 'week', 'relative'],
    ['Bulan lalu inflasi naik.', 'id', SAT, 'Bulan lalu', '2025-08', 'month', 'relative'],
    ['Tahun lalu ekspor turun.', 'id', SAT, 'Tahun lalu', '2024', 'year', 'relative'],
    ['Dua hari lalu ia ditangkap.', 'id', SAT, 'Dua hari lalu', '2025-09-04', 'day', 'relative'],
    ['Tiga tahun lalu ia menikah.', 'id', SAT, 'Tiga tahun lalu', '2022', 'year', 'relative'],
    ['Dua pekan lalu ia datang.', 'id', SAT, 'Dua pekan lalu', '2025-W34', 'week', 'relative'],
    ['Sepekan lalu ia datang.', 'id', SAT, 'Sepekan lalu', '2025-W35', 'week', 'relative'],
    ['Tadi malam hujan deras.', 'id', SAT, 'Tadi malam', '2025-09-05', 'day', 'relative'],
    ['Tiga hari lagi sidang digelar.', 'id', SAT, 'Tiga hari lagi', '2025-09-09', 'day', 'relative'],
    ['Tahun depan pajak naik.', 'id', SAT, 'Tahun depan', '2026', 'year', 'relative'],
    ['Ekspor naik pada awal tahun ini.', 'id', SAT, 'awal tahun ini', '2025', 'year', 'relative'],
    ['Ia pindah 5 tahun yang lalu.', 'id', SAT, '5 tahun yang lalu', '2020', 'year', 'relative'],
    ['Akhir pekan lalu pasar ramai.', 'id', SAT, 'Akhir pekan lalu', '2025-W35', 'week', 'relative'],
    ['Dua puluh tahun lalu ia lulus.', 'id', SAT, 'Dua puluh tahun lalu', '2005', 'year', 'relative'],
  ],
  'relative (en)': [
    ['Police said the suspect was arrested yesterday.', 'en', SAT, 'yesterday', '2025-09-05', 'day', 'relative'],
    ['The minister resigned last week.', 'en', SAT, 'last week', '2025-W35', 'week', 'relative'],
    ['The plant closed two days ago.', 'en', SAT, 'two days ago', '2025-09-04', 'day', 'relative'],
    ['The rules take effect next month.', 'en', SAT, 'next month', '2025-10', 'month', 'relative'],
    ['Last year profits doubled.', 'en', SAT, 'Last year', '2024', 'year', 'relative'],
    ['A week ago the market crashed.', 'en', SAT, 'A week ago', '2025-W35', 'week', 'relative'],
    ['He spoke this morning.', 'en', SAT, 'this morning', '2025-09-06', 'day', 'relative'],
    ['The council met today.', 'en', SAT, 'today', '2025-09-06', 'day', 'relative'],
    ['Results come tomorrow.', 'en', SAT, 'tomorrow', '2025-09-07', 'day', 'relative'],
    ['Twenty-five years ago the wall fell.', 'en', SAT, 'Twenty-five years ago', '2000', 'year', 'relative'],
    ['Shares fell last night.', 'en', SAT, 'last night', '2025-09-05', 'day', 'relative'],
    ['Prices jumped late last year.', 'en', SAT, 'late last year', '2024', 'year', 'relative'],
    ['Output fell earlier this month.', 'en', SAT, 'earlier this month', '2025-09', 'month', 'relative'],
  ],
  ranges: [
    ['Festival berlangsung 4-6 September 2025.', 'id', SAT, '4-6 September 2025', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-06' }],
    ['Pameran digelar 4 hingga 6 September.', 'id', SAT, '4 hingga 6 September', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-06' }],
    ['The festival runs from Sept. 4 to 6 in Austin.', 'en', SAT, 'from Sept. 4 to 6', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-06' }],
    ['Antara 4 dan 6 September jalan ditutup.', 'id', SAT, 'Antara 4 dan 6 September', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-06' }],
    ['Dari 2018 hingga 2020 ia tinggal di Bandung.', 'id', SAT, 'Dari 2018 hingga 2020', '2018', 'year', 'absolute', { end_value: '2020' }],
    ['Pada periode 2019-2024 ia menjabat.', 'id', SAT, '2019-2024', '2019', 'year', 'absolute', { end_value: '2024' }],
    ['Laporan periode Januari-September 2007 dirilis.', 'id', SAT, 'Januari-September 2007', '2007-01', 'month', 'absolute', { end_value: '2007-09' }],
    ['Kontrak berlaku 31 Juli 2007 sampai dengan 11 Juli 2008.', 'id', SAT, '31 Juli 2007 sampai dengan 11 Juli 2008', '2007-07-31', 'day', 'absolute', { end_value: '2008-07-11' }],
    ['Between Sept. 4 and 6 roads were closed.', 'en', SAT, 'Between Sept. 4 and 6', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-06' }],
    ['Libur berlangsung 30 Desember hingga 2 Januari.', 'id', '2025-12-20', '30 Desember hingga 2 Januari', '2025-12-30', 'day', 'absolute', { end_value: '2026-01-02' }],
    ['The exhibition runs Sept. 4-6.', 'en', SAT, 'Sept. 4-6', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-06' }],
    ['Pada musim 2024/2025 klub itu juara.', 'id', SAT, '2024/2025', '2024', 'year', 'absolute', { end_value: '2025' }],
    ['Festival digelar tanggal 24 sampai 3 Oktober.', 'id', SAT, 'tanggal 24 sampai 3 Oktober', '2025-09-24', 'day', 'absolute', { end_value: '2025-10-03' }],
    ['Libur sekolah 22 sampai 5 Januari 2026.', 'id', SAT, '22 sampai 5 Januari 2026', '2025-12-22', 'day', 'absolute', { end_value: '2026-01-05' }],
    ['Toko tutup Senin hingga Rabu.', 'id', SAT, 'Senin hingga Rabu', '2025-09-01', 'day', 'weekday', { end_value: '2025-09-03' }],
    ['Unjuk rasa berlangsung Kamis-Jumat (4-5/9) di Jakarta.', 'id', SAT, 'Kamis-Jumat (4-5/9)', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-05' }],
    ['Sidang digelar pada (4-5/9) di Jakarta.', 'id', SAT, '4-5/9', '2025-09-04', 'day', 'absolute', { end_value: '2025-09-05' }],
    ['The shop is open Monday through Friday.', 'en', SAT, 'Monday through Friday', '2025-09-01', 'day', 'weekday', { end_value: '2025-09-05' }],
    ['He starred in the 2024-25 season.', 'en', SAT, '2024-25', '2024', 'year', 'absolute', { end_value: '2025' }],
  ],
  'times of day': [
    ['Ia berbicara pukul 19.00 WIB di Istana.', 'id', SAT, 'pukul 19.00 WIB', '2025-09-06', 'day', 'relative', { time: '19:00', timezone: '+07:00' }],
    ['Gempa terjadi Kamis (4/9) pukul 19.00 WIB.', 'id', SAT, 'Kamis (4/9) pukul 19.00 WIB', '2025-09-04', 'day', 'absolute', { time: '19:00', timezone: '+07:00' }],
    ['Rapat dimulai pkl. 09.30 WIB.', 'id', SAT, 'pkl. 09.30 WIB', '2025-09-06', 'day', 'relative', { time: '09:30', timezone: '+07:00' }],
    ['Sidang digelar pukul 10.00 WITA.', 'id', SAT, 'pukul 10.00 WITA', '2025-09-06', 'day', 'relative', { time: '10:00', timezone: '+08:00' }],
    ['Upacara dimulai pukul 07.30 WIT.', 'id', SAT, 'pukul 07.30 WIT', '2025-09-06', 'day', 'relative', { time: '07:30', timezone: '+09:00' }],
    ['Pesawat mendarat pukul 7 malam.', 'id', SAT, 'pukul 7 malam', '2025-09-06', 'day', 'relative', { time: '19:00' }],
    ['Pada Senin, 1 September 2025 pukul 14.30 WIB, gempa terjadi.', 'id', SAT, 'Senin, 1 September 2025 pukul 14.30 WIB', '2025-09-01', 'day', 'absolute', { time: '14:30', timezone: '+07:00' }],
    ['The vote is at 7 p.m. on Thursday.', 'en', SAT, '7 p.m. on Thursday', '2025-09-04', 'day', 'weekday', { time: '19:00' }],
    ['It starts today at 10 a.m.', 'en', SAT, 'today at 10 a.m.', '2025-09-06', 'day', 'relative', { time: '10:00' }],
    ['Officials met Thursday, Sept. 4, 2025, at 10:30 a.m. EDT.', 'en', SAT, 'Thursday, Sept. 4, 2025, at 10:30 a.m. EDT', '2025-09-04', 'day', 'absolute', { time: '10:30', timezone: '-04:00' }],
    ['Kamis malam pasukan bergerak.', 'id', SAT, 'Kamis malam', '2025-09-04', 'day', 'weekday'],
    ['Buka pukul 09.00 WIB hingga 12.00 WIB.', 'id', SAT, 'pukul 09.00 WIB hingga 12.00 WIB', '2025-09-06', 'day', 'relative', { time: '09:00', timezone: '+07:00' }],
    ['The plan was unveiled at noon Thursday.', 'en', SAT, 'noon Thursday', '2025-09-04', 'day', 'weekday', { time: '12:00' }],
    ['Kamis tengah malam ia pergi.', 'id', SAT, 'Kamis tengah malam', '2025-09-04', 'day', 'weekday', { time: '00:00' }],
    ['Sabtu, 6 Sep 2025 - 14:30 WIB', 'id', SAT, 'Sabtu, 6 Sep 2025 - 14:30 WIB', '2025-09-06', 'day', 'absolute', { time: '14:30', timezone: '+07:00' }],
  ],
  decades: [
    ['Pada 1990-an ekonomi tumbuh.', 'id', SAT, '1990-an', '199', 'decade', 'absolute'],
    ['Pada tahun 90-an ia merantau.', 'id', SAT, 'tahun 90-an', '199', 'decade', 'absolute'],
    ['Musik era 1980-an kembali populer.', 'id', SAT, '1980-an', '198', 'decade', 'absolute'],
    ['The 1990s were a boom decade.', 'en', SAT, '1990s', '199', 'decade', 'absolute'],
    ['Growth slowed in the 2000s.', 'en', SAT, '2000s', '200', 'decade', 'absolute'],
  ],
  'ISO weeks': [
    ['Pekan ini harga naik.', 'id', SAT, 'Pekan ini', '2025-W36', 'week', 'relative'],
    ['This week the council voted.', 'en', SAT, 'This week', '2025-W36', 'week', 'relative'],
    ['Pekan lalu harga turun.', 'id', '2025-01-02', 'Pekan lalu', '2024-W52', 'week', 'relative'],
    ['Minggu ini pasar tutup.', 'id', '2024-12-30', 'Minggu ini', '2025-W01', 'week', 'relative'],
    ['Prices rise next week.', 'en', '2026-12-28', 'next week', '2027-W01', 'week', 'relative'],
  ],
  'quarters and halves': [
    ['Ekonomi tumbuh 5 persen pada kuartal III 2025.', 'id', SAT, 'kuartal III 2025', '2025-07', 'month', 'absolute', { end_value: '2025-09' }],
    ['Laba naik pada triwulan II/2025.', 'id', SAT, 'triwulan II/2025', '2025-04', 'month', 'absolute', { end_value: '2025-06' }],
    ['Penjualan semester pertama tahun ini naik.', 'id', SAT, 'semester pertama tahun ini', '2025-01', 'month', 'absolute', { end_value: '2025-06' }],
    ['Growth slowed in the third quarter of 2025.', 'en', SAT, 'third quarter of 2025', '2025-07', 'month', 'absolute', { end_value: '2025-09' }],
    ['Profit rose in Q3 2025.', 'en', SAT, 'Q3 2025', '2025-07', 'month', 'absolute', { end_value: '2025-09' }],
    ['Sales fell in the first half of last year.', 'en', SAT, 'first half of last year', '2024-01', 'month', 'absolute', { end_value: '2024-06' }],
  ],
  'not dates': [
    ['Pada kuartal III ekonomi tumbuh.', 'id', SAT, null],
    ['It was his first quarter as CEO.', 'en', SAT, null],
    ['Ia dipenjara selama tiga tahun.', 'id', SAT, null],
    ['Ia telah bekerja selama dua tahun.', 'id', SAT, null],
    ['Pria berusia 45 tahun itu ditangkap.', 'id', SAT, null],
    ['Acara dihadiri 26 pemimpin dunia.', 'id', SAT, null],
    ['Perang Dunia II berakhir.', 'id', SAT, null],
    ['Sebanyak 1.500 orang mengungsi.', 'id', SAT, null],
    ['Harganya Rp 2025 per lembar.', 'id', SAT, null],
    ['Mencapai 2000 pendukung hadir.', 'id', SAT, null],
    ['Jumlahnya mencapai 2000 orang.', 'id', SAT, null],
    ['Police said nearly 1900 protesters gathered.', 'en', SAT, null],
    ['UUD 1945 diamandemen.', 'id', SAT, null],
    ['Skor akhir 2-1 untuk tuan rumah.', 'id', SAT, null],
    ['Nilai tukar Rp 9.070 per dolar.', 'id', SAT, null],
    ['Sekitar 1/3 penduduk masih miskin.', 'id', SAT, null],
    ['Ia mengikuti pemilu beberapa tahun lalu.', 'id', SAT, null],
    ['He served three years in prison.', 'en', SAT, null],
    ['About 2,000 people attended.', 'en', SAT, null],
    ['You may leave now.', 'en', SAT, null],
    ['Troops march on the capital.', 'en', SAT, null],
    ['He paid $2025 for it.', 'en', SAT, null],
    ['The 45-year-old man was charged.', 'en', SAT, null],
    ['In the coming months, prices will rise.', 'en', SAT, null],
    ['We met at noon.', 'en', SAT, null],
    ['Page 2019 of the report.', 'en', SAT, null],
    ['May was a bad month for stocks.', 'en', SAT, null],
    ['In the past two years, crime fell.', 'en', SAT, null],
    ['Over the past week, prices fell.', 'en', SAT, null],
    ['Permenkeu No. 34/PMK.011/2007 berlaku.', 'id', SAT, null],
    ['Harga Naik Dua Minggu Berturut-turut', 'id', SAT, null],
    ['Kota ini berdiri pada 1 Muharram 1447 H.', 'id', SAT, null],
    ['Kasus COVID-19 turun tajam.', 'id', SAT, null],
  ],
};

const BLANK_SOURCE = { path: 'test.txt', format: 'txt' as const, record: null, sha256: '' };

function runDates(text: string, init: Partial<Doc>, options: Record<string, unknown> = {}): Doc {
  const doc = createDoc({ id: 't', source: BLANK_SOURCE, text, ...init });
  const run = datesStage.setup({ ...datesStage.defaults, ...options } as never, { pipelineDir: '.' }) as (d: Doc) => void;
  run(doc);
  return doc;
}

describe('dates: case table', () => {
  const total = Object.values(CASES).reduce((n, list) => n + list.length, 0);
  it(`has at least 80 cases (${total})`, () => {
    expect(total).toBeGreaterThanOrEqual(80);
  });
  for (const [category, cases] of Object.entries(CASES)) {
    describe(category, () => {
      it.each(cases)('%s [%s, ref %s]', (sentence, language, ref, text, value, granularity, resolution, extra) => {
        const doc = runDates(sentence, { language, published_at: ref });
        if (text === null) {
          expect(doc.dates.map((d) => d.text)).toEqual([]);
          return;
        }
        expect(doc.dates).toHaveLength(1);
        const d = doc.dates[0];
        expect({ text: d.text, value: d.value, granularity: d.granularity, resolution: d.resolution }).toEqual({
          text,
          value,
          granularity,
          resolution,
        });
        expect(sentence.slice(d.start, d.end)).toBe(text);
        for (const [key, v] of Object.entries(extra ?? {})) expect(d[key as keyof DateMention]).toBe(v);
        if (!extra?.time) expect(d.time).toBeUndefined();
        if (!extra?.end_value) expect(d.end_value).toBeUndefined();
      });
    });
  }
});

describe('dates: lists of days', () => {
  it('gives a day listed before a dated day that month (Indonesian)', () => {
    const doc = runDates('Pameran digelar tanggal 5, 6, dan 7 September.', { language: 'id', published_at: SAT });
    expect(doc.dates.map((d) => [d.text, d.value])).toEqual([
      ['tanggal 5', '2025-09-05'],
      ['6', '2025-09-06'],
      ['7 September', '2025-09-07'],
    ]);
  });

  it('gives a day listed after a dated day that month (English)', () => {
    const doc = runDates('Hearings are set for Sept. 4 and 5, officials said.', { language: 'en', published_at: SAT });
    expect(doc.dates.map((d) => [d.text, d.value])).toEqual([
      ['Sept. 4', '2025-09-04'],
      ['5', '2025-09-05'],
    ]);
  });

  it('leaves counts after a date alone', () => {
    const doc = runDates('On Sept. 4 and 5 people were hurt.', { language: 'en', published_at: SAT });
    expect(doc.dates.map((d) => d.text)).toEqual(['Sept. 4']);
  });
});

describe('dates: options and anchors', () => {
  it('reads English numeric dates day first with englishNumericOrder dmy', () => {
    const doc = runDates('The deadline is 9/4/2025.', { language: 'en', published_at: SAT }, { englishNumericOrder: 'dmy' });
    expect(doc.dates.map((d) => d.value)).toEqual(['2025-04-09']);
  });

  it('uses the local date of a published_at timestamp', () => {
    const doc = runDates('Ia tiba kemarin.', { language: 'id', published_at: '2025-09-06T23:30:00+07:00' });
    expect(doc.dates[0].value).toBe('2025-09-05');
  });

  it('falls back to --reference-date without a warning', () => {
    const doc = runDates('Ia tiba kemarin.', { language: 'id', meta: { referenceDate: '2025-01-01' } });
    expect(doc.dates[0].value).toBe('2024-12-31');
    expect(doc.warnings).toEqual([]);
  });

  it('falls back to the file date with an anchor-file-date warning', () => {
    const doc = runDates('Pekan lalu ia ke Bali.', { language: 'id', meta: { fileDate: '2025-09-06' } });
    expect(doc.dates[0].value).toBe('2025-W35');
    expect(doc.warnings.map((w) => [w.stage, w.code])).toEqual([['dates', 'anchor-file-date']]);
  });

  it('keeps relative expressions with an empty value when there is no anchor, never the clock', () => {
    const doc = runDates('Ia tiba kemarin, lalu pada Kamis (4/9) bertemu Xi sejak 2018.', { language: 'id' });
    expect(doc.dates.map((d) => [d.text, d.value])).toEqual([
      ['kemarin', ''],
      ['Kamis (4/9)', ''],
      ['sejak 2018', '2018'],
    ]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-anchor']);
  });

  it('does not warn about the file date when nothing needed an anchor', () => {
    const doc = runDates('Jepang menyerah pada 1945.', { language: 'id', meta: { fileDate: '2025-09-06' } });
    expect(doc.dates[0].value).toBe('1945');
    expect(doc.warnings).toEqual([]);
  });

  it('takes the anchor from the publication line when published_at is missing', () => {
    const text = 'Judul\n- Sab, 6 Sep 2025\n\nIa tiba pada Kamis.';
    const sections: Section[] = [
      { type: 'title', start: 0, end: 5 },
      { type: 'published', start: 6, end: 23 },
      { type: 'body', start: 25, end: text.length },
    ];
    const doc = runDates(text, { language: 'id', sections });
    expect(doc.dates.map((d) => [d.text, d.value, d.section])).toEqual([
      ['6 Sep 2025', '2025-09-06', 1],
      ['Kamis', '2025-09-04', 2],
    ]);
  });

  it('warns when a weekday and its date disagree, keeping the written date', () => {
    const doc = runDates('Pertemuan digelar Jumat (4/9).', { language: 'id', published_at: SAT });
    expect(doc.dates.map((d) => d.value)).toEqual(['2025-09-04']);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatchObject({ stage: 'dates', code: 'weekday-mismatch', start: 18, end: 29 });
  });

  it('skips byline and boilerplate sections', () => {
    const text = 'Ia tiba Kamis.\nDiperbarui Jumat, 5 September 2025';
    const doc = runDates(text, {
      language: 'id',
      published_at: SAT,
      sections: [
        { type: 'body', start: 0, end: 14 },
        { type: 'boilerplate', start: 15, end: text.length },
      ],
    });
    expect(doc.dates.map((d) => d.text)).toEqual(['Kamis']);
  });

  it('attaches a bare clock time to the day named just before it', () => {
    const doc = runDates('Gempa terjadi Kamis (4/9). Pukul 19.00 WIB warga panik.', {
      language: 'id',
      published_at: SAT,
      sentences: [
        { index: 0, start: 0, end: 26, section: -1 },
        { index: 1, start: 27, end: 55, section: -1 },
      ],
    });
    expect(doc.dates.map((d) => [d.text, d.value, d.time ?? ''])).toEqual([
      ['Kamis (4/9)', '2025-09-04', ''],
      ['Pukul 19.00 WIB', '2025-09-04', '19:00'],
    ]);
  });
});

// The example article: exactly nine dates.
const EXAMPLE = readFileSync(new URL('../input/seputaran-kim-xi.txt', import.meta.url), 'utf8');
const NINE: [string, string, string][] = [
  ['6 Sep 2025', '2025-09-06', 'published'],
  ['Kamis (4/9) malam', '2025-09-04', 'caption'],
  ['Kamis', '2025-09-04', 'body'],
  ['Jumat', '2025-09-05', 'body'],
  ['sejak 2018', '2018', 'body'],
  ['Rabu', '2025-09-03', 'body'],
  ['1945', '1945', 'body'],
  ['Rabu', '2025-09-03', 'body'],
  ['Kamis malam', '2025-09-04', 'body'],
];

describe('dates: the example article', () => {
  it('finds exactly the nine dates with the stage alone (sections and published_at given)', () => {
    // Sections laid out by hand so this test does not depend on the structure stage.
    const lines: Section[] = [];
    let offset = 0;
    const types = ['title', 'published', 'body'] as const;
    EXAMPLE.split('\n').forEach((line, i) => {
      if (line.trim() && !line.startsWith('- Penulis')) {
        lines.push({ type: types[Math.min(i, 2)], start: offset, end: offset + line.length });
      }
      offset += line.length + 1;
    });
    const doc = runDates(EXAMPLE, { language: 'id', published_at: SAT, sections: lines });
    expect(doc.dates.map((d) => [d.text, d.value])).toEqual(NINE.map(([t, v]) => [t, v]));
    for (const d of doc.dates) expect(EXAMPLE.slice(d.start, d.end)).toBe(d.text);
    expect(doc.warnings).toEqual([]);
  });

  it('finds exactly the nine dates end to end through createAnalyzer', async () => {
    process.env.DOTENV_CONFIG_QUIET = 'true';
    const analyzer = await createAnalyzer('news');
    const doc = recordToDoc({ text: EXAMPLE }, { path: 'input/seputaran-kim-xi.txt', format: 'txt', record: null, sha256: '' });
    const record = analyzer.analyze(doc);
    expect(record.published_at).toBe(SAT);
    expect(record.dates.map((d) => [d.text, d.value, d.section])).toEqual(NINE);
    expect(record.dates.map((d) => d.granularity)).toEqual(['day', 'day', 'day', 'day', 'year', 'day', 'year', 'day', 'day']);
    expect(record.dates.map((d) => d.resolution)).toEqual([
      'absolute',
      'absolute',
      'weekday',
      'weekday',
      'absolute',
      'weekday',
      'absolute',
      'weekday',
      'weekday',
    ]);
    expect(record.dates[0]).toMatchObject({ start: 100, end: 110, sentence: -1 });
    expect(record.warnings.filter((w) => w.stage === 'dates')).toEqual([]);
  });
});

describe('dates: the English fixture article end to end', () => {
  it('resolves its twelve dates against Friday 5 September 2025', async () => {
    process.env.DOTENV_CONFIG_QUIET = 'true';
    const analyzer = await createAnalyzer('news');
    const path = 'tests/fixtures/gold/articles/wartawire-bi-rate-en.txt';
    const text = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    const record = analyzer.analyze(recordToDoc({ text }, { path, format: 'txt', record: null, sha256: '' }));
    expect(record.language).toBe('en');
    // Prepositions stay outside the span: `2003` and `July`, not `in 2003` and `in July`.
    expect(record.dates.map((d) => [d.text, d.value])).toEqual([
      ['5 Sep 2025', '2025-09-05'],
      ['Wednesday', '2025-09-03'],
      ['Thursday', '2025-09-04'],
      ['last week', '2025-W35'],
      ['September 2024', '2024-09'],
      ['Sept. 4', '2025-09-04'],
      ['2003', '2003'],
      ['next Tuesday', '2025-09-09'],
      ['two days ago', '2025-09-03'],
      ['September 17, 2025', '2025-09-17'],
      ['July', '2025-07'],
      ['this year', '2025'],
    ]);
  });
});

describe('dates: spans stay inside their sentence', () => {
  it('splits an expression at a sentence end (`Kamis (4/9` | `) malam`)', () => {
    const text = 'Warga mengeluh sejak Kamis (4/9\n) malam karena banjir.';
    const sentences = [
      { index: 0, start: 0, end: 31, section: 0 },
      { index: 1, start: 32, end: text.length, section: 0 },
    ];
    const doc = runDates(text, { language: 'id', published_at: SAT, sections: [{ type: 'body', start: 0, end: text.length }], sentences });
    expect(doc.dates.length).toBeGreaterThan(0);
    for (const d of doc.dates) {
      const s = sentences[d.sentence];
      expect(s, d.text).toBeDefined();
      expect(d.start).toBeGreaterThanOrEqual(s.start);
      expect(d.end).toBeLessThanOrEqual(s.end);
    }
    expect(doc.dates[0]).toMatchObject({ text: 'sejak Kamis', value: '2025-09-04', sentence: 0 });
  });

  it('keeps every date of the full pipeline inside the sentence it names, on lines cut mid-expression', async () => {
    process.env.DOTENV_CONFIG_QUIET = 'true';
    const analyzer = await createAnalyzer('news');
    const text = 'Banjir rob di Surabaya\n\nWarga mengeluh sejak Kamis (4/9\n) malam karena banjir. Rapat digelar 12\nOktober 2025.\n\nPada 17 Agustus\n\n1945 Indonesia merdeka.';
    const record = analyzer.analyze(recordToDoc({ text }, { path: 'a.txt', format: 'txt', record: null, sha256: '' }));
    expect(record.dates.length).toBeGreaterThan(2);
    for (const d of record.dates) {
      const s = record.sentences[d.sentence];
      expect(s, `${d.text} names sentence ${d.sentence}`).toBeDefined();
      expect([d.start >= s.start, d.end <= s.end], d.text).toEqual([true, true]);
    }
  });
});
