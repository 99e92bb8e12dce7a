/**
 * Word lists for fictional but believable residents. Names are split by generation so that a
 * woman born in 1940 is more likely a Franca than a Ginevra.
 */

// prettier-ignore
export const MALE_NAMES = {
  older: [
    "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Franco", "Bruno", "Carlo", "Sergio", "Renato",
    "Aldo", "Armando", "Cesare", "Domenico", "Emilio", "Ettore", "Gianni", "Guido", "Lino", "Ottavio",
    "Renzo", "Rino", "Silvio", "Ugo", "Gino", "Aurelio", "Pietro", "Angelo", "Vittorio", "Umberto",
    "Piero", "Giorgio", "Pasquale", "Orlando", "Vincenzo",
  ],
  middle: [
    "Marco", "Andrea", "Paolo", "Roberto", "Stefano", "Massimo", "Alberto", "Claudio", "Fabio", "Fabrizio",
    "Maurizio", "Enrico", "Luca", "Davide", "Daniele", "Alessandro", "Francesco", "Simone", "Michele", "Nicola",
    "Gianluca", "Walter", "Dario", "Diego", "Raffaele", "Salvatore", "Marcello", "Tiziano", "Ivan", "Cristian",
    "Christian", "Denis", "Valerio", "Emanuele", "Sergio", "Giorgio", "Roberto", "Massimiliano", "Mirko", "Federico",
  ],
  younger: [
    "Leonardo", "Francesco", "Alessandro", "Lorenzo", "Mattia", "Tommaso", "Gabriele", "Riccardo", "Edoardo", "Matteo",
    "Giacomo", "Filippo", "Samuele", "Nicolò", "Pietro", "Elia", "Jacopo", "Giulio", "Sebastiano", "Diego",
    "Federico", "Luca", "Simone", "Davide", "Manuel", "Alessio", "Christian", "Cristian", "Michele", "Andrea",
    "Emanuele", "Giovanni", "Vittorio", "Enea", "Achille", "Noah", "Leone", "Thomas", "Ettore", "Marco",
  ],
} as const;

// prettier-ignore
export const FEMALE_NAMES = {
  older: [
    "Maria", "Anna", "Giuseppina", "Rosa", "Franca", "Carla", "Giovanna", "Graziella", "Luisa", "Marisa",
    "Nives", "Ornella", "Piera", "Rosanna", "Teresa", "Vilma", "Adriana", "Agnese", "Carmela", "Dora",
    "Edda", "Irma", "Lidia", "Margherita", "Mirella", "Wanda", "Ada", "Angela", "Bianca", "Lucia",
    "Rita", "Gabriella", "Elsa", "Iolanda", "Caterina",
  ],
  middle: [
    "Paola", "Laura", "Cristina", "Barbara", "Monica", "Daniela", "Claudia", "Simona", "Roberta", "Stefania",
    "Silvia", "Elena", "Francesca", "Alessandra", "Federica", "Valentina", "Chiara", "Sara", "Elisa", "Manuela",
    "Marina", "Michela", "Nadia", "Patrizia", "Sabrina", "Tiziana", "Veronica", "Elisabetta", "Emanuela", "Loredana",
    "Ilaria", "Erica", "Fabiola", "Serena", "Katia", "Antonella", "Cinzia", "Donatella", "Lorena", "Raffaella",
  ],
  younger: [
    "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Greta", "Beatrice", "Martina",
    "Chiara", "Anna", "Ludovica", "Matilde", "Camilla", "Gaia", "Noemi", "Viola", "Arianna", "Rebecca",
    "Nicole", "Sara", "Irene", "Benedetta", "Carlotta", "Eleonora", "Marta", "Cecilia", "Bianca", "Vittoria",
    "Elisa", "Francesca", "Alessia", "Asia", "Miriam", "Azzurra", "Diletta", "Ilaria", "Lucrezia", "Agata",
  ],
} as const;

// prettier-ignore
export const SURNAMES = [
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
  "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
  "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone",
  "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti",
  "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini",
  "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti",
  "Cattaneo", "Morelli", "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani",
  "Benedetti", "Barone", "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore",
  "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali", "Battaglia", "Sartori",
  "Neri", "Costantini", "Milani", "Pagano", "Ruggiero", "Sorrentino", "D'Amico", "Orlando", "Negro", "Rosso",
  "Ferrero", "Bertola", "Bosio", "Giraudo", "Chiesa", "Bruna", "Cravero", "Gastaldi", "Audisio", "Bonino",
  "Dutto", "Garelli", "Operti", "Pautasso", "Quaranta", "Revelli", "Sola", "Tosco", "Vercellone", "Viale",
  "Allasia", "Arduino", "Baudino", "Beltramo", "Bersano", "Boero", "Bottero", "Canavese", "Cavallo", "Chiapello",
  "Demaria", "Eandi", "Fenoglio", "Gerbaudo", "Giaccone", "Giacosa", "Lingua", "Macagno", "Mondino", "Olivero",
  "Osella", "Pejrone", "Piumatti", "Rabino", "Sacchetto", "Scarzello", "Tealdi", "Vallauri", "Barbero", "Bussone",
  "Cerutti", "Durando", "Grosso", "Lanza", "Mellano", "Musso", "Pasero", "Roagna", "Sappa", "Sibona",
  "Toselli", "Viglione", "Aimar", "Abrate", "Ballario", "Berruti", "Bima", "Bonetto", "Borello", "Busso",
  "Casale", "Chiavazza", "Cogno", "Davico", "Delfino", "Ellena", "Fissore", "Fornero", "Galleano", "Garbero",
  "Ghigo", "Giordanengo", "Icardi", "Lovera", "Manassero", "Marengo", "Meinardi", "Mina", "Oberto", "Paschetta",
  "Porporato", "Quaglia", "Ravera", "Riba", "Roggero", "Savio", "Tallone", "Tarditi", "Vaira", "Vottero",
  "Zanetti", "Rolando", "Actis", "Borgna", "Perotti", "Rinaudo", "Bergese", "Cornaglia", "Gili", "Ambrogio",
] as const;

export interface Place {
  name: string;
  belfiore: string;
  /** Province code for Italian comuni, null abroad. */
  province: string | null;
}

/** Comuni of Piemonte outside the seeded ones, for birthplaces and earlier residences. */
export const PIEMONTE_PLACES: readonly Place[] = [
  { name: "Nichelino", belfiore: "F889", province: "TO" },
  { name: "Settimo Torinese", belfiore: "I703", province: "TO" },
  { name: "Grugliasco", belfiore: "E216", province: "TO" },
  { name: "Chieri", belfiore: "C627", province: "TO" },
  { name: "Pinerolo", belfiore: "G674", province: "TO" },
  { name: "Ivrea", belfiore: "E379", province: "TO" },
  { name: "Orbassano", belfiore: "G087", province: "TO" },
  { name: "Venaria Reale", belfiore: "L727", province: "TO" },
  { name: "Carmagnola", belfiore: "B791", province: "TO" },
  { name: "Canelli", belfiore: "B594", province: "AT" },
  { name: "Bra", belfiore: "B111", province: "CN" },
  { name: "Saluzzo", belfiore: "H727", province: "CN" },
  { name: "Fossano", belfiore: "D742", province: "CN" },
  { name: "Alessandria", belfiore: "A182", province: "AL" },
  { name: "Casale Monferrato", belfiore: "B885", province: "AL" },
  { name: "Novi Ligure", belfiore: "F965", province: "AL" },
  { name: "Tortona", belfiore: "L304", province: "AL" },
  { name: "Acqui Terme", belfiore: "A052", province: "AL" },
  { name: "Vercelli", belfiore: "L750", province: "VC" },
  { name: "Borgosesia", belfiore: "B041", province: "VC" },
  { name: "Biella", belfiore: "A859", province: "BI" },
  { name: "Verbania", belfiore: "L746", province: "VB" },
];

export const ITALIAN_PLACES: readonly Place[] = [
  { name: "Milano", belfiore: "F205", province: "MI" },
  { name: "Roma", belfiore: "H501", province: "RM" },
  { name: "Napoli", belfiore: "F839", province: "NA" },
  { name: "Genova", belfiore: "D969", province: "GE" },
  { name: "Palermo", belfiore: "G273", province: "PA" },
  { name: "Bologna", belfiore: "A944", province: "BO" },
  { name: "Firenze", belfiore: "D612", province: "FI" },
  { name: "Bari", belfiore: "A662", province: "BA" },
];

export interface Country {
  place: Place;
  /** Citizenship as the registry writes it. */
  citizenship: string;
  weight: number;
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  {
    place: { name: "Romania", belfiore: "Z129", province: null },
    citizenship: "Romania",
    weight: 30,
    male: ["Andrei", "Ion", "Mihai", "Florin", "Gheorghe", "Constantin", "Adrian", "Bogdan"],
    female: ["Elena", "Ioana", "Maria", "Andreea", "Mihaela", "Alina", "Florentina", "Daniela"],
    surnames: [
      "Popescu",
      "Ionescu",
      "Popa",
      "Dumitru",
      "Stan",
      "Stoica",
      "Munteanu",
      "Rusu",
      "Moldovan",
      "Lazar",
    ],
  },
  {
    place: { name: "Marocco", belfiore: "Z330", province: null },
    citizenship: "Marocco",
    weight: 18,
    male: ["Mohamed", "Youssef", "Ahmed", "Rachid", "Said", "Hamza", "Karim", "Mustapha"],
    female: ["Fatima", "Khadija", "Amina", "Nadia", "Samira", "Salma", "Latifa", "Hanane"],
    surnames: ["El Amrani", "Benali", "Bouzid", "El Idrissi", "Tazi", "Alaoui", "Ouali", "Berrada", "Chaoui"],
  },
  {
    place: { name: "Albania", belfiore: "Z100", province: null },
    citizenship: "Albania",
    weight: 14,
    male: ["Arben", "Ervin", "Gentian", "Ilir", "Besnik", "Fatmir", "Altin", "Klodian"],
    female: ["Arta", "Blerta", "Elira", "Mirela", "Jonida", "Anisa", "Erjona", "Valbona"],
    surnames: ["Hoxha", "Shehu", "Gashi", "Berisha", "Kola", "Leka", "Dervishi", "Xhafa", "Muca"],
  },
  {
    place: { name: "Ucraina", belfiore: "Z138", province: null },
    citizenship: "Ucraina",
    weight: 8,
    male: ["Oleksandr", "Andriy", "Serhiy", "Volodymyr", "Taras", "Dmytro"],
    female: ["Olena", "Natalia", "Iryna", "Oksana", "Tetiana", "Svitlana", "Halyna"],
    surnames: ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko"],
  },
  {
    place: { name: "Cina", belfiore: "Z210", province: null },
    citizenship: "Cina",
    weight: 7,
    male: ["Wei", "Jun", "Hao", "Lei", "Jian", "Ming"],
    female: ["Mei", "Li", "Xiu", "Yan", "Hui", "Ling"],
    surnames: ["Hu", "Zhou", "Chen", "Wang", "Zhang", "Lin", "Huang", "Xu"],
  },
  {
    place: { name: "Perù", belfiore: "Z611", province: null },
    citizenship: "Perù",
    weight: 6,
    male: ["Jorge", "Luis", "Carlos", "José", "Miguel"],
    female: ["Rosa", "Carmen", "Milagros", "Ana", "Gladys"],
    surnames: ["Quispe", "Huamán", "Flores", "Mamani", "Rojas", "Vargas", "Chávez"],
  },
  {
    place: { name: "Moldavia", belfiore: "Z140", province: null },
    citizenship: "Moldavia",
    weight: 6,
    male: ["Vasile", "Igor", "Sergiu", "Victor", "Ion"],
    female: ["Natalia", "Tatiana", "Olga", "Ludmila", "Irina"],
    surnames: ["Rotaru", "Ceban", "Lungu", "Cojocaru", "Rusu", "Ciobanu"],
  },
  {
    place: { name: "Egitto", belfiore: "Z336", province: null },
    citizenship: "Egitto",
    weight: 5,
    male: ["Mahmoud", "Mostafa", "Ahmed", "Tarek", "Omar"],
    female: ["Mariam", "Heba", "Nour", "Yasmin", "Aya"],
    surnames: ["Ibrahim", "Hassan", "Mahmoud", "Abdelrahman", "Saleh", "Farouk"],
  },
  {
    place: { name: "Filippine", belfiore: "Z216", province: null },
    citizenship: "Filippine",
    weight: 6,
    male: ["Jose", "Mark", "Rommel", "Jomar", "Ariel"],
    female: ["Maricel", "Jocelyn", "Lorna", "Rowena", "Cristina"],
    surnames: ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Ramos"],
  },
];

// prettier-ignore
export const STREETS = [
  "Via Roma", "Corso Vittorio Emanuele II", "Via Garibaldi", "Via Po", "Via Nizza", "Corso Francia",
  "Via Cernaia", "Corso Re Umberto", "Via Madama Cristina", "Via Sacchi", "Corso Giulio Cesare", "Via Cibrario",
  "Corso Peschiera", "Via Mazzini", "Via Cavour", "Via XX Settembre", "Via Mameli", "Via Verdi",
  "Via Dante Alighieri", "Corso Torino", "Via Milano", "Viale dei Mille", "Via San Francesco d'Assisi",
  "Via Monte Grappa", "Via Piave", "Via Trieste", "Via Vittorio Veneto", "Piazza della Repubblica",
  "Via Carlo Alberto", "Via Santa Teresa", "Via Giacosa", "Via Silvio Pellico", "Via Bellini", "Via Leopardi",
  "Via Manzoni", "Via Gramsci", "Via Matteotti", "Via Don Minzoni", "Via Martiri della Libertà",
  "Via IV Novembre", "Via Europa", "Via Fratelli Rosselli", "Corso Unione Sovietica", "Via Nazionale",
  "Via Cuneo", "Via Alba", "Via Asti", "Via Cesare Battisti", "Via Goito", "Via Lagrange", "Corso Casale",
  "Via Guido Reni", "Via Foscolo", "Via Pascoli", "Via Boccaccio", "Via dei Partigiani", "Via Solferino",
  "Via Stupinigi", "Strada del Drosso", "Via delle Rose", "Via dei Tigli", "Via Giolitti", "Corso Dante",
] as const;

export interface VehicleModel {
  makeModel: string;
  kw: readonly [number, number];
  kind: "autovettura" | "motociclo";
  weight: number;
}

export const VEHICLE_MODELS: readonly VehicleModel[] = [
  { makeModel: "Fiat Panda 1.2", kw: [44, 51], kind: "autovettura", weight: 14 },
  { makeModel: "Fiat 500 1.2", kw: [51, 51], kind: "autovettura", weight: 9 },
  { makeModel: "Fiat Tipo 1.6 Multijet", kw: [88, 96], kind: "autovettura", weight: 5 },
  { makeModel: "Fiat Punto 1.4", kw: [57, 57], kind: "autovettura", weight: 6 },
  { makeModel: "Lancia Ypsilon 1.2", kw: [51, 51], kind: "autovettura", weight: 7 },
  { makeModel: "Volkswagen Polo 1.0 TSI", kw: [59, 70], kind: "autovettura", weight: 4 },
  { makeModel: "Volkswagen Golf 1.5 TSI", kw: [96, 110], kind: "autovettura", weight: 4 },
  { makeModel: "Volkswagen T-Roc 2.0 TDI", kw: [110, 110], kind: "autovettura", weight: 2 },
  { makeModel: "Renault Clio 1.0 TCe", kw: [67, 67], kind: "autovettura", weight: 4 },
  { makeModel: "Renault Captur 1.3 TCe", kw: [103, 103], kind: "autovettura", weight: 2 },
  { makeModel: "Toyota Yaris 1.5 Hybrid", kw: [68, 85], kind: "autovettura", weight: 5 },
  { makeModel: "Toyota C-HR 1.8 Hybrid", kw: [90, 90], kind: "autovettura", weight: 2 },
  { makeModel: "Dacia Sandero 1.0 TCe", kw: [67, 67], kind: "autovettura", weight: 4 },
  { makeModel: "Dacia Duster 1.5 dCi", kw: [85, 85], kind: "autovettura", weight: 3 },
  { makeModel: "Jeep Renegade 1.6 Multijet", kw: [88, 96], kind: "autovettura", weight: 3 },
  { makeModel: "Jeep Compass 1.3 T4", kw: [96, 110], kind: "autovettura", weight: 2 },
  { makeModel: "Peugeot 208 1.2 PureTech", kw: [55, 74], kind: "autovettura", weight: 4 },
  { makeModel: "Peugeot 3008 1.5 BlueHDi", kw: [96, 96], kind: "autovettura", weight: 2 },
  { makeModel: "Ford Fiesta 1.1", kw: [55, 63], kind: "autovettura", weight: 3 },
  { makeModel: "Ford Puma 1.0 EcoBoost", kw: [92, 92], kind: "autovettura", weight: 2 },
  { makeModel: "Opel Corsa 1.2", kw: [55, 74], kind: "autovettura", weight: 3 },
  { makeModel: "Citroën C3 1.2 PureTech", kw: [60, 81], kind: "autovettura", weight: 3 },
  { makeModel: "Alfa Romeo Giulietta 1.6 JTDm", kw: [88, 88], kind: "autovettura", weight: 2 },
  { makeModel: "Alfa Romeo Stelvio 2.2 Diesel", kw: [140, 154], kind: "autovettura", weight: 1 },
  { makeModel: "Kia Sportage 1.6 T-GDi", kw: [110, 110], kind: "autovettura", weight: 2 },
  { makeModel: "Hyundai Tucson 1.6 CRDi", kw: [85, 100], kind: "autovettura", weight: 2 },
  { makeModel: "BMW Serie 1 118d", kw: [110, 110], kind: "autovettura", weight: 2 },
  { makeModel: "Audi A3 Sportback 30 TDI", kw: [85, 85], kind: "autovettura", weight: 2 },
  { makeModel: "Mercedes-Benz Classe A 180", kw: [100, 100], kind: "autovettura", weight: 2 },
  { makeModel: "Skoda Octavia 2.0 TDI", kw: [110, 110], kind: "autovettura", weight: 2 },
  { makeModel: "Nissan Qashqai 1.3 DIG-T", kw: [103, 103], kind: "autovettura", weight: 2 },
  { makeModel: "Suzuki Ignis 1.2 Hybrid", kw: [61, 61], kind: "autovettura", weight: 2 },
  { makeModel: "Piaggio Beverly 300", kw: [18, 18], kind: "motociclo", weight: 2 },
  { makeModel: "Honda SH 125", kw: [9, 9], kind: "motociclo", weight: 3 },
  { makeModel: "Yamaha TMAX 560", kw: [35, 35], kind: "motociclo", weight: 1 },
  { makeModel: "Ducati Monster 937", kw: [82, 82], kind: "motociclo", weight: 1 },
];

export interface Psp {
  id: string;
  name: string;
  method: string;
  feeCents: readonly [number, number];
  weight: number;
}

/** Payment service providers and the method they were used with (pagoPA method codes). */
export const PSPS: readonly Psp[] = [
  { id: "BCITITMM", name: "Intesa Sanpaolo S.p.A.", method: "CP", feeCents: [100, 150], weight: 20 },
  { id: "UNCRITMM", name: "UniCredit S.p.A.", method: "BBT", feeCents: [80, 120], weight: 15 },
  { id: "BPPIITRRXXX", name: "Poste Italiane S.p.A.", method: "BP", feeCents: [150, 200], weight: 20 },
  {
    id: "PPAYITR1XXX",
    name: "PayPal (Europe) S.à r.l. et Cie, S.C.A.",
    method: "PPAL",
    feeCents: [90, 130],
    weight: 10,
  },
  { id: "SELBIT2BXXX", name: "Banca Sella S.p.A.", method: "CP", feeCents: [60, 100], weight: 10 },
  { id: "BNLIITRR", name: "BNL - Gruppo BNP Paribas", method: "BBT", feeCents: [50, 100], weight: 8 },
  { id: "SATYLUL1", name: "Satispay Europe S.A.", method: "APP", feeCents: [0, 50], weight: 9 },
  { id: "ICRAITRRXXX", name: "ICCREA Banca S.p.A.", method: "CP", feeCents: [100, 150], weight: 8 },
];

/** ABI codes of well-known banks, for citizens' (fictional) refund accounts. */
export const BANK_ABI = ["03069", "02008", "05034", "01030", "03104", "06085", "03268", "05696"] as const;

export const EMAIL_DOMAINS = ["example.com", "example.org", "example.net"] as const;

export const F24_CHANNELS = [
  "Home banking",
  "Sportello bancario",
  "Ufficio postale",
  "CAF / intermediario",
] as const;

export const CERTIFICATE_PURPOSES = [
  "Uso amministrativo",
  "Pratica bancaria o di mutuo",
  "Iscrizione scolastica",
  "Richiesta di agevolazioni",
  "Pratica di successione",
] as const;
