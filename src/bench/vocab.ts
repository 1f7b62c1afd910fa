/**
 * Small word lists and sentence templates for the synthetic bench corpus.
 * Places come from the gazetteer packages (see corpus.ts); these lists give the
 * people, organisations, roles and prose around them. Slots in templates:
 * {PER} person, {PER2} second person, {SHORT} surname of {PER}, {LOC} place,
 * {CITY} city, {PROV} Indonesian province, {COUNTRY} country, {ORG} organisation,
 * {ACR} organisation written as `Name (ACR)`, {ROLE} title before a name,
 * {DATE} absolute date, {WD} weekday, {REL} relative date, {YEAR} year, {NUM} number, {PCT} percent,
 * {MONEY} amount.
 */

export const ID_GIVEN = [
  'Budi', 'Siti', 'Agus', 'Dewi', 'Joko', 'Sri', 'Ahmad', 'Rina', 'Bambang', 'Wahyu', 'Retno', 'Eko', 'Nur', 'Yusuf',
  'Hendra', 'Fitri', 'Rizki', 'Andi', 'Putri', 'Dian', 'Teguh', 'Ratna', 'Arief', 'Indah', 'Fajar', 'Lestari', 'Hadi',
  'Muhammad', 'Suharso', 'Tri', 'Yohanes', 'Maria', 'I Made', 'Ni Luh', 'Gusti', 'Ketut', 'Rudi', 'Susi', 'Bayu', 'Anies',
  'Prabowo', 'Gibran', 'Mahfud', 'Puan', 'Erick', 'Luhut', 'Ridwan', 'Ganjar', 'Basuki', 'Tito',
];

export const ID_FAMILY = [
  'Santoso', 'Wijaya', 'Setiawan', 'Pratama', 'Hidayat', 'Nugroho', 'Saputra', 'Kurniawan', 'Susanto', 'Gunawan',
  'Hartono', 'Siregar', 'Nasution', 'Simanjuntak', 'Lubis', 'Harahap', 'Sitompul', 'Wibowo', 'Purnomo', 'Suryadi',
  'Rahman', 'Hakim', 'Syahputra', 'Tanjung', 'Pangaribuan', 'Manurung', 'Subianto', 'Rakabuming', 'Baswedan',
  'Thohir', 'Pandjaitan', 'Kamil', 'Pranowo', 'Karnavian', 'Indrawati', 'Marsudi', 'Sadikin', 'Mulyani', 'Harjono',
];

export const EN_GIVEN = [
  'John', 'Mary', 'David', 'Sarah', 'Michael', 'Jennifer', 'James', 'Emily', 'Robert', 'Laura', 'William', 'Anna',
  'Richard', 'Karen', 'Thomas', 'Rachel', 'Daniel', 'Olivia', 'Mark', 'Susan', 'Peter', 'Helen', 'Andrew', 'Claire',
];

export const EN_FAMILY = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King',
];

export const INTL_PEOPLE = [
  'Xi Jinping', 'Kim Jong Un', 'Vladimir Putin', 'Joe Biden', 'Donald Trump', 'Emmanuel Macron', 'Narendra Modi',
  'Anwar Ibrahim', 'Antonio Guterres', 'Olaf Scholz', 'Fumio Kishida', 'Lee Hsien Loong', 'Ferdinand Marcos Jr.',
];

export const ID_ROLES = [
  'Presiden', 'Wakil Presiden', 'Menteri Keuangan', 'Menteri Luar Negeri', 'Gubernur', 'Bupati', 'Wali Kota',
  'Ketua DPR', 'Kapolri', 'Panglima TNI', 'Direktur Utama', 'Ketua Umum', 'Juru bicara', 'Kepala Dinas', 'Rektor',
  'Prof. Dr.', 'Dr.', 'Ir.', 'H.', 'Hj.',
];

export const EN_ROLES = [
  'President', 'Vice President', 'Finance Minister', 'Foreign Minister', 'Governor', 'Mayor', 'Chief Executive',
  'Chairman', 'spokesperson', 'Senator', 'Prime Minister', 'Dr.', 'Prof.', 'Mr.', 'Ms.',
];

/** [name, acronym or ''] */
export const ID_ORGS: [string, string][] = [
  ['Komisi Pemberantasan Korupsi', 'KPK'], ['Dewan Perwakilan Rakyat', 'DPR'], ['Badan Pusat Statistik', 'BPS'],
  ['Bank Indonesia', 'BI'], ['Otoritas Jasa Keuangan', 'OJK'], ['Kementerian Keuangan', ''], ['Kementerian Luar Negeri', 'Kemlu'],
  ['Kementerian Kesehatan', 'Kemenkes'], ['Badan Meteorologi, Klimatologi, dan Geofisika', 'BMKG'], ['Tentara Nasional Indonesia', 'TNI'],
  ['Kepolisian Negara Republik Indonesia', 'Polri'], ['Komisi Pemilihan Umum', 'KPU'], ['Mahkamah Konstitusi', 'MK'],
  ['PT Astra International Tbk.', ''], ['PT Telkom Indonesia Tbk.', ''], ['PT Pertamina (Persero)', ''], ['PT Garuda Indonesia Tbk.', ''],
  ['Universitas Indonesia', 'UI'], ['Universitas Gadjah Mada', 'UGM'], ['Institut Teknologi Bandung', 'ITB'],
  ['Partai Demokrasi Indonesia Perjuangan', 'PDI-P'], ['Partai Golkar', ''], ['Partai Gerindra', ''], ['Nahdlatul Ulama', 'NU'],
  ['Muhammadiyah', ''], ['Perserikatan Bangsa-Bangsa', 'PBB'], ['Badan Nasional Penanggulangan Bencana', 'BNPB'],
  ['Bursa Efek Indonesia', 'BEI'], ['Persija Jakarta', ''], ['Kantor Berita Antara', ''],
];

export const EN_ORGS: [string, string][] = [
  ['International Monetary Fund', 'IMF'], ['World Bank', ''], ['United Nations', 'UN'], ['World Health Organization', 'WHO'],
  ['Federal Reserve', 'Fed'], ['European Union', 'EU'], ['Association of Southeast Asian Nations', 'ASEAN'],
  ['Apple Inc.', ''], ['Microsoft Corp.', ''], ['Toyota Motor Corp.', ''], ['Reuters', ''], ['Associated Press', 'AP'],
  ['Harvard University', ''], ['Supreme Court', ''], ['Securities and Exchange Commission', 'SEC'], ['Bank Indonesia', 'BI'],
  ['Democratic Party', ''], ['Republican Party', ''], ['Red Cross', ''], ['Goldman Sachs', ''],
];

export const ID_OUTLETS = ['SEPUTARAN.COM', 'WARTAKINI.ID', 'KABARNUSA.COM', 'BERITASATU.NET', 'ANTARANEWS.COM', 'KOMPASIANA.ID'];
export const EN_OUTLETS = ['Reuters', 'AP', 'AFP', 'Bloomberg', 'WartaWire', 'Jakarta Globe'];

export const ID_WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
export const ID_WEEKDAYS_SHORT = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];
export const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const EN_WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const ID_MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
export const ID_MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
export const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const EN_MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const ID_RELATIVE = ['kemarin', 'hari ini', 'pekan lalu', 'bulan lalu', 'tahun lalu', 'dua hari lalu', 'minggu depan', 'pekan depan', 'besok'];
export const EN_RELATIVE = ['yesterday', 'today', 'last week', 'last month', 'last year', 'two days ago', 'next week', 'tomorrow'];

export const ID_TITLES = [
  '{PER} Tegaskan {ORG} Siap Perkuat Kerja Sama dengan {COUNTRY}',
  '{ORG} Periksa {PER} Terkait Dugaan Korupsi di {CITY}',
  'Banjir Rendam Ribuan Rumah di {CITY}, {PROV}',
  '{ROLE} {PER} Resmikan Jalan Tol Baru di {PROV}',
  'Harga Beras Naik {PCT} Persen, {ORG} Minta Warga Tidak Panik',
  '{PER} Terpilih sebagai Ketua Umum {ORG}',
  'Gempa Magnitudo {NUM} Guncang {CITY}, Tidak Berpotensi Tsunami',
  'Kunjungan {PER} ke {COUNTRY} Bahas Investasi dan Perdagangan',
  '{ORG} Catat Laba Bersih Rp{NUM} Triliun pada {YEAR}',
  'Timnas Indonesia Kalahkan {COUNTRY} di Stadion Utama {CITY}',
];

export const EN_TITLES = [
  '{PER} Says {ORG} Ready to Deepen Ties With {COUNTRY}',
  'Floods Displace Thousands in {CITY} as Rains Continue',
  '{ORG} Holds Rates Steady, Citing Stable Inflation',
  '{ROLE} {PER} Visits {COUNTRY} to Discuss Trade',
  '{ORG} Reports {PCT}% Rise in Quarterly Profit',
  'Earthquake of Magnitude {NUM} Strikes Near {CITY}',
  '{PER} Named Head of {ORG}',
  'Talks in {CITY} End Without Agreement on Tariffs',
];

export const ID_SENTENCES = [
  '{ROLE} {PER} mengatakan bahwa pemerintah akan terus memantau perkembangan situasi di {CITY}.',
  'Hal itu disampaikan {PER} dalam konferensi pers di {CITY}, {PROV}, pada {WD} ({DM}).',
  'Menurut {PER}, kebijakan tersebut sudah dibahas bersama {ORG} sejak {YEAR}.',
  '"Kami ingin memastikan semua warga mendapatkan bantuan tepat waktu," ujar {SHORT}.',
  'Data {ACR} menunjukkan bahwa jumlah penduduk miskin turun {PCT} persen dibandingkan tahun lalu.',
  'Dalam pertemuan tersebut, kedua pihak juga membahas peningkatan kerja sama perdagangan dan investasi.',
  'Ia menambahkan bahwa anggaran sebesar Rp{MONEY} miliar telah disiapkan untuk program tersebut.',
  'Sebelumnya, {ORG} telah memeriksa sejumlah saksi di kantornya di Jl. Kuningan Persada, {CITY}, pada {DATE}.',
  'Acara itu dihadiri oleh {NUM} kepala daerah, termasuk {ROLE} {PER2}.',
  'Kunjungan ke {COUNTRY} dijadwalkan berlangsung pada {DATE} mendatang.',
  'Warga {CITY} diminta tetap waspada terhadap potensi hujan lebat hingga akhir pekan.',
  'Harga cabai di Pasar Induk {CITY} mencapai Rp{MONEY}.000 per kilogram {REL}.',
  'Selain itu, {PER2} juga meminta {ORG} untuk mempercepat proses penyaluran bantuan.',
  'Pihaknya mencatat kenaikan kunjungan wisatawan ke {PROV} sebesar {PCT} persen pada {MONTH} {YEAR}.',
  'Rapat kerja dengan Komisi XI DPR digelar pada {WD} pukul 10.00 WIB di Gedung Nusantara I.',
  'Ia menilai langkah tersebut penting untuk menjaga stabilitas ekonomi nasional di tengah ketidakpastian global.',
  'Sementara itu, {SHORT} menyebut pihaknya masih menunggu hasil audit dari {ACR}.',
  'Peristiwa serupa pernah terjadi di {CITY} pada {YEAR} dan menewaskan {NUM} orang.',
  'Pertandingan dimulai pukul 19.30 WIB dan disiarkan langsung oleh sejumlah stasiun televisi.',
  'Ia mengaku sudah melaporkan kejadian itu kepada polisi dua hari lalu.',
  'Dr. {PER2}, pengamat ekonomi dari {ORG}, menilai inflasi masih terkendali.',
  'Sejak {MONTH} {YEAR}, sebanyak {NUM}.500 rumah telah dibangun di {PROV}.',
  'Program ini ditargetkan rampung pada akhir {YEAR}, kata {SHORT} di {CITY}.',
  'Menteri {PER2} dijadwalkan bertemu dengan mitranya dari {COUNTRY} {REL}.',
];

export const EN_SENTENCES = [
  '{ROLE} {PER} said the government would continue to monitor the situation in {CITY}.',
  '{PER} told reporters in {CITY} on {WD} that talks with {ORG} had been productive.',
  'According to {PER}, the policy has been under discussion with {ORG} since {YEAR}.',
  '"We want to make sure every family gets help on time," {SHORT} said.',
  'Data from the {ACR} showed that the poverty rate fell {PCT}% from a year earlier.',
  'The two sides also discussed ways to expand trade and investment, officials said.',
  'He added that $ {MONEY} million had been set aside for the program.',
  'The meeting in {CITY} on {DATE} was attended by {NUM} regional leaders, including {PER2}.',
  'A visit to {COUNTRY} is scheduled for {DATE}, according to a statement from {ORG}.',
  'Residents of {CITY} were told to stay alert for heavy rain through the weekend.',
  'Prices of rice in {CITY} rose to their highest level since {MONTH} {YEAR}, {ORG} said {REL}.',
  'Separately, {PER2} urged the {ORG} to speed up the distribution of aid.',
  'Tourist arrivals in {PROV} rose {PCT}% in {MONTH}, the statistics agency said.',
  'The hearing is scheduled for 10 a.m. on {WD} at the parliament building in Jakarta.',
  'Analysts said the move was meant to keep the currency stable amid global uncertainty.',
  'Meanwhile, {SHORT} said the company was still waiting for the results of an audit by the {ACR}.',
  'A similar disaster struck {CITY} in {YEAR}, killing {NUM} people.',
  'Dr. {PER2}, an economist at {ORG}, said inflation remained under control.',
  'The project is expected to be completed by the end of {YEAR}, {SHORT} said in {CITY}.',
  'Officials from the U.S. and {COUNTRY} are due to meet again {REL}.',
];

export const ID_CAPTIONS = [
  '{ROLE} {PER} memberikan keterangan kepada wartawan di {CITY}, {WD} ({DM}). /ANTARA/{PER2}',
  'Suasana di {CITY} pada {WD} ({DM}) pagi. /ANTARA/HO-{ORG}',
];
export const EN_CAPTIONS = ['{PER} speaks to reporters in {CITY} on {WD}. REUTERS/{PER2}', 'A view of {CITY} on {DATE}. AP Photo/{PER2}'];
