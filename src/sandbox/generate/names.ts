/**
 * Name material for generated clients: common Belgian (Flemish and Walloon), Dutch and German
 * first and last names, with the diacritics, particles and capitals (IJ, ß, Ł, ı) that break naive
 * code. Trade words make company names in each language.
 */
export interface NameBook {
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly last: readonly string[];
  /** Company name patterns; `{last}`, `{last2}` and `{trade}` are filled in. */
  readonly companies: readonly string[];
  readonly trades: readonly string[];
  readonly legalForms: readonly string[];
}

/** Names by home country. */
export const NAME_BOOKS: Readonly<Record<'BE' | 'NL' | 'DE', NameBook>> = {
  BE: {
    female: ['Emma', 'Olivia', 'Louise', 'Mila', 'Alice', 'Juliette', 'Elena', 'Marie', 'Lina', 'Nora', 'Lieve', 'Griet', 'Annelies', 'Hilde', 'Sofie', 'Céline', 'Amélie', 'Hélène', 'Geneviève', 'Zoë', 'Hanne', 'Anaïs'],
    male: ['Lucas', 'Louis', 'Noah', 'Arthur', 'Jules', 'Adam', 'Victor', 'Liam', 'Mathis', 'Wout', 'Pieter-Jan', 'Jef', 'Stijn', 'Koen', 'Thibault', 'Maxime', 'Jérôme', 'François', 'Benoît', 'Herman', 'Noël', 'Raphaël'],
    last: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Vermeulen', 'Van den Broeck', 'Hermans', 'Michiels', 'Declercq', 'Van Damme', 'De Backer', 'Leclercq', 'Lemaire', 'Van de Velde', "D'Hondt", 'Vandenberghe', 'Coppens', 'Bogaert', 'Cuvelier', 'Deprez', 'Verstraeten', 'Lefèvre'],
    companies: ['{last} {legal}', '{trade} {last} {legal}', '{last} & {last2} {legal}', '{trade} {last}', 'Brasserie {last}', 'Café ☕ {last}', '{last} & Zonen {legal}', 'Immo {last} {legal}', 'Brouwerij {last} 🍺'],
    trades: ['Bouwwerken', 'Schilderwerken', 'Dakwerken', 'Bakkerij', 'Slagerij', 'Kapsalon', 'Architectenbureau', 'Boekhoudkantoor', 'IT Services', 'Transport', 'Tuinaanleg', 'Elektriciteit', 'Boulangerie', 'Menuiserie', 'Consulting', 'Garage'],
    legalForms: ['BV', 'NV', 'CV', 'VOF', 'CommV', 'SRL', 'SA', 'VZW', 'BVBA'],
  },
  NL: {
    female: ['Sanne', 'Lotte', 'Fleur', 'Anouk', 'Eva', 'Julia', 'Tess', 'Femke', 'Noor', 'Iris', 'Willemijn', 'Ineke', 'Truus', 'Marieke', 'Floor', 'Wietske', 'Chloë', 'Ilse', 'Joke', 'Maaike'],
    male: ['Daan', 'Sem', 'Levi', 'Finn', 'Milan', 'Bram', 'Thijs', 'Jesse', 'Ruben', 'Joris', 'Maarten', 'Geert', 'Henk', 'Bas', 'Sjoerd', 'IJsbrand', 'Aäron', 'Kees', 'Pim', 'Teun'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'de Haan', 'IJzerman', "van 't Hof", 'Tuinstra'],
    companies: ['{last} {legal}', '{trade} {last}', '{last} {trade} {legal}', 'VOF {last} & {last2}', 'Stichting {trade} {last}', '{last} & Co', 'Eetcafé {last}', 'Fietsen 🚲 {last}'],
    trades: ['Installatietechniek', 'Loodgietersbedrijf', 'Bakkerij', 'Slagerij', 'Kapsalon', 'Administratiekantoor', 'Bouwbedrijf', 'Schildersbedrijf', 'Transport', 'Hoveniers', 'Webdesign', 'Fietsenmaker', 'Advocatenkantoor'],
    legalForms: ['B.V.', 'N.V.', 'V.O.F.', 'C.V.', 'Holding B.V.'],
  },
  DE: {
    female: ['Emma', 'Mia', 'Hannah', 'Sophia', 'Lena', 'Marie', 'Lea', 'Anna', 'Leonie', 'Clara', 'Ute', 'Käthe', 'Bärbel', 'Dörte', 'Renée', 'Özlem', 'Zoë', 'Gisela', 'Heike', 'Sabine'],
    male: ['Lukas', 'Leon', 'Finn', 'Jonas', 'Paul', 'Felix', 'Maximilian', 'Elias', 'Ben', 'Noah', 'Jürgen', 'Günther', 'Jörg', 'Sören', 'Björn', 'Ümit', 'Klaus', 'Dieter', 'Uwe', 'Matthias'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Groß', 'Weiß', 'Öztürk', 'Yılmaz', 'Łukaszewicz'],
    companies: ['{last} {legal}', '{trade} {last} {legal}', '{last} & {last2} OHG', '{last} {trade} GmbH & Co. KG', '{trade} {last} e.K.', '{last} UG (haftungsbeschränkt)', 'Gasthaus „Zum {last}“', 'Biergarten {last} 🍺'],
    trades: ['Bäckerei', 'Metzgerei', 'Haustechnik', 'Elektrotechnik', 'Malerbetrieb', 'Steuerberatung', 'Softwareentwicklung', 'Spedition', 'Gartenbau', 'Dachdeckerei', 'Zahnarztpraxis', 'Maschinenbau', 'Schreinerei'],
    legalForms: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG', 'e.K.', 'GbR'],
  },
};

/** Names from further away, for the few foreign clients every account has (and their scripts). */
export const FOREIGN_PEOPLE: readonly { readonly first: string; readonly last: string }[] = [
  { first: 'Søren', last: 'Kierkegård' },
  { first: 'Łucja', last: 'Wiśniewska' },
  { first: 'Ağca', last: 'Şahin' },
  { first: 'Nguyễn', last: 'Thị Minh' },
  { first: 'José', last: 'García Núñez' },
  { first: 'Ōta', last: 'Hiroshi' },
  { first: 'Αλέξανδρος', last: 'Παπαδόπουλος' },
  { first: 'Иван', last: 'Петров' },
  { first: '美咲', last: '佐藤' },
  // 𠮷 lies outside the Basic Multilingual Plane: two UTF-16 units, one character.
  { first: '花子', last: '𠮷田' },
  { first: 'Siobhán', last: "O'Connor" },
];
