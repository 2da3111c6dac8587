/**
 * Address material: real cities with their postal codes and regions, and common street names, per
 * country. Postal codes follow each country's format (BE 4 digits, NL `1234 AB`, DE 5 digits).
 */
export interface City {
  readonly name: string;
  /** A real postal code of the city (NL: the 4-digit part; letters are added). */
  readonly postalCode: string;
  readonly region: string;
}

/** A country's address material. */
export interface PlaceBook {
  readonly cities: readonly City[];
  readonly streets: readonly string[];
  /** Whether the house number follows the street name (`Kerkstraat 12`) or precedes it (`12 rue …`). */
  readonly numberFirst?: boolean;
  readonly phonePrefix: string;
  readonly domains: readonly string[];
  readonly webTld: string;
}

/** Address material by ISO country code. */
export const PLACE_BOOKS: Readonly<Record<string, PlaceBook>> = {
  BE: {
    cities: [
      { name: 'Antwerpen', postalCode: '2000', region: 'Antwerpen' },
      { name: 'Gent', postalCode: '9000', region: 'Oost-Vlaanderen' },
      { name: 'Brugge', postalCode: '8000', region: 'West-Vlaanderen' },
      { name: 'Leuven', postalCode: '3000', region: 'Vlaams-Brabant' },
      { name: 'Brussel', postalCode: '1000', region: 'Brussels Hoofdstedelijk Gewest' },
      { name: 'Mechelen', postalCode: '2800', region: 'Antwerpen' },
      { name: 'Hasselt', postalCode: '3500', region: 'Limburg' },
      { name: 'Kortrijk', postalCode: '8500', region: 'West-Vlaanderen' },
      { name: 'Ternat', postalCode: '1740', region: 'Vlaams-Brabant' },
      { name: 'Sint-Niklaas', postalCode: '9100', region: 'Oost-Vlaanderen' },
      { name: 'Liège', postalCode: '4000', region: 'Liège' },
      { name: 'Namur', postalCode: '5000', region: 'Namur' },
      { name: 'Charleroi', postalCode: '6000', region: 'Hainaut' },
      { name: 'Ottignies-Louvain-la-Neuve', postalCode: '1340', region: 'Brabant wallon' },
    ],
    streets: ['Langestraat', 'Kerkstraat', 'Stationsstraat', 'Lindenlaan', 'Grote Markt', 'Meir', 'Veldstraat', 'Bondgenotenlaan', 'Rue de la Loi', 'Chaussée de Louvain', 'Rue du Marché', 'Avenue Louise', 'Kortrijksesteenweg', "Place Saint-Lambert", 'Olifantstraat'],
    phonePrefix: '+32',
    domains: ['telenet.be', 'skynet.be', 'proximus.be', 'gmail.com'],
    webTld: 'be',
  },
  NL: {
    cities: [
      { name: 'Amsterdam', postalCode: '1012', region: 'Noord-Holland' },
      { name: 'Rotterdam', postalCode: '3011', region: 'Zuid-Holland' },
      { name: 'Den Haag', postalCode: '2511', region: 'Zuid-Holland' },
      { name: 'Utrecht', postalCode: '3511', region: 'Utrecht' },
      { name: 'Eindhoven', postalCode: '5611', region: 'Noord-Brabant' },
      { name: 'Groningen', postalCode: '9711', region: 'Groningen' },
      { name: 'Tilburg', postalCode: '5038', region: 'Noord-Brabant' },
      { name: 'Breda', postalCode: '4811', region: 'Noord-Brabant' },
      { name: 'Nijmegen', postalCode: '6511', region: 'Gelderland' },
      { name: "'s-Hertogenbosch", postalCode: '5211', region: 'Noord-Brabant' },
      { name: 'IJmuiden', postalCode: '1971', region: 'Noord-Holland' },
      { name: 'Zwolle', postalCode: '8011', region: 'Overijssel' },
      { name: 'Leeuwarden', postalCode: '8911', region: 'Friesland' },
      { name: 'Maastricht', postalCode: '6211', region: 'Limburg' },
    ],
    streets: ['Kalverstraat', 'Coolsingel', 'Oudegracht', 'Hoofdstraat', 'Dorpsstraat', 'Kerkstraat', 'Stationsweg', 'Julianalaan', 'Wilhelminastraat', 'Beatrixlaan', 'Markt', 'Herengracht', 'Keizersgracht', 'Industrieweg'],
    phonePrefix: '+31',
    domains: ['ziggo.nl', 'kpnmail.nl', 'xs4all.nl', 'gmail.com'],
    webTld: 'nl',
  },
  DE: {
    cities: [
      { name: 'Berlin', postalCode: '10115', region: 'Berlin' },
      { name: 'Hamburg', postalCode: '20095', region: 'Hamburg' },
      { name: 'München', postalCode: '80331', region: 'Bayern' },
      { name: 'Köln', postalCode: '50667', region: 'Nordrhein-Westfalen' },
      { name: 'Frankfurt am Main', postalCode: '60311', region: 'Hessen' },
      { name: 'Stuttgart', postalCode: '70173', region: 'Baden-Württemberg' },
      { name: 'Düsseldorf', postalCode: '40213', region: 'Nordrhein-Westfalen' },
      { name: 'Leipzig', postalCode: '04109', region: 'Sachsen' },
      { name: 'Dresden', postalCode: '01067', region: 'Sachsen' },
      { name: 'Bremen', postalCode: '28195', region: 'Bremen' },
      { name: 'Hannover', postalCode: '30159', region: 'Niedersachsen' },
      { name: 'Nürnberg', postalCode: '90402', region: 'Bayern' },
      { name: 'Freiburg im Breisgau', postalCode: '79098', region: 'Baden-Württemberg' },
      { name: 'Garmisch-Partenkirchen', postalCode: '82467', region: 'Bayern' },
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Goethestraße', 'Gartenstraße', 'Dorfstraße', 'Lindenallee', 'Friedrichstraße', 'Königsallee', 'Maximilianstraße', 'Am Markt', 'Schloßstraße', 'Große Straße', 'Musterstraße'],
    phonePrefix: '+49',
    domains: ['web.de', 'gmx.de', 't-online.de', 'gmail.com'],
    webTld: 'de',
  },
  FR: {
    cities: [
      { name: 'Paris', postalCode: '75008', region: 'Île-de-France' },
      { name: 'Lille', postalCode: '59000', region: 'Hauts-de-France' },
    ],
    streets: ['rue de Rivoli', 'boulevard Haussmann', 'rue Nationale'],
    numberFirst: true,
    phonePrefix: '+33',
    domains: ['orange.fr', 'free.fr'],
    webTld: 'fr',
  },
  LU: {
    cities: [{ name: 'Luxembourg', postalCode: '1111', region: 'Luxembourg' }],
    streets: ['Grand-Rue', 'Avenue de la Liberté'],
    numberFirst: true,
    phonePrefix: '+352',
    domains: ['pt.lu'],
    webTld: 'lu',
  },
  AT: {
    cities: [{ name: 'Wien', postalCode: '1010', region: 'Wien' }],
    streets: ['Kärntner Straße', 'Mariahilfer Straße'],
    phonePrefix: '+43',
    domains: ['aon.at'],
    webTld: 'at',
  },
  CH: {
    cities: [{ name: 'Zürich', postalCode: '8001', region: 'Zürich' }],
    streets: ['Bahnhofstrasse', 'Limmatquai'],
    phonePrefix: '+41',
    domains: ['bluewin.ch'],
    webTld: 'ch',
  },
};
