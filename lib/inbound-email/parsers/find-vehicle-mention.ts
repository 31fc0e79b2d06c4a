// Brands and models sold in Norway in numbers; enough to name what a customer asks about, not a catalogue.
const BRANDS = [
  "Toyota",
  "Volkswagen",
  "VW",
  "Audi",
  "Skoda",
  "Škoda",
  "Cupra",
  "Seat",
  "Tesla",
  "Volvo",
  "BMW",
  "Mercedes-Benz",
  "Mercedes",
  "Hyundai",
  "Kia",
  "Nissan",
  "Ford",
  "Peugeot",
  "Citroën",
  "Citroen",
  "Opel",
  "Renault",
  "Dacia",
  "Mazda",
  "Subaru",
  "Mitsubishi",
  "Suzuki",
  "Polestar",
  "BYD",
  "MG",
  "XPeng",
  "NIO",
  "Porsche",
  "Jaguar",
  "Land Rover",
  "Lexus",
  "Honda",
  "Jeep",
  "Fiat",
  "Mini",
  "Smart",
  "Zeekr",
  "Lynk & Co",
  "Maxus",
  "Ssangyong",
  "KGM",
  "Genesis",
  "Alfa Romeo",
];
const MODELS = [
  "Corolla",
  "Yaris",
  "RAV4",
  "C-HR",
  "bZ4X",
  "Aygo",
  "Hilux",
  "Land Cruiser",
  "Proace",
  "Golf",
  "Passat",
  "Tiguan",
  "Polo",
  "ID\\.\\s?[3457]",
  "ID\\.\\s?Buzz",
  "Touareg",
  "T-Roc",
  "Caddy",
  "Transporter",
  "Octavia",
  "Superb",
  "Enyaq",
  "Kodiaq",
  "Karoq",
  "Elroq",
  "Fabia",
  "Model [3SXY]",
  "XC40",
  "XC60",
  "XC90",
  "EX30",
  "EX40",
  "EX90",
  "V60",
  "V90",
  "IONIQ\\s?[56]",
  "Kona",
  "Tucson",
  "Santa Fe",
  "EV[3-9]",
  "Niro",
  "Sportage",
  "Sorento",
  "Leaf",
  "Qashqai",
  "Ariya",
  "X-Trail",
  "Mustang Mach-E",
  "Kuga",
  "Explorer",
  "e-tron",
  "Q4",
  "Q8",
  "A4",
  "A6",
  "CX-60",
  "CX-5",
  "CX-30",
  "MX-30",
  "Outback",
  "Forester",
  "Solterra",
  "Mokka",
  "Corsa",
  "Astra",
  "Zoe",
  "Megane",
  "Scenic",
  "Born",
  "Formentor",
  "Atto 3",
  "Seal",
  "Dolphin",
  "Taycan",
  "Macan",
  "Outlander",
  "Eclipse Cross",
  "iX",
  "i4",
  "i5",
  "X[1-7]",
  "EQA",
  "EQB",
  "EQE",
  "EQS",
  "GLC",
  "Enyaq iV",
];

// Case matters for names that are also words ("smart", "mini", "seat", "golf", "leaf", "A4"); the rest are
// also accepted as customers type them, in lower or upper case.
const WORDS = new Set([
  "Mini",
  "Smart",
  "Seat",
  "MG",
  "NIO",
  "Golf",
  "Polo",
  "Leaf",
  "Seal",
  "Born",
  "Kona",
  "Caddy",
  "Explorer",
]);
const variants = (names: string[], quote: (n: string) => string) =>
  names
    .flatMap((n) => {
      const upper = n.toUpperCase().replace(/\\S/g, "\\s"); // keep the regex escape \s in model patterns
      return WORDS.has(n) || n.length < 4 ? [n, upper] : [n, upper, n.toLowerCase()];
    })
    .map(quote);
const BRAND_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d@./-])(${variants(BRANDS, escape).join("|")})(?![\p{L}\d-])`,
  "u",
);
const MODEL_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d@./-])(${variants(MODELS, (m) => m).join("|")})(?![\p{L}\d-])`,
  "u",
);
const MODEL_EXACT = new RegExp(String.raw`^(?:${MODELS.join("|")})$`, "iu");
// Words that continue a model name: "Corolla Touring Sports 1.8 Hybrid", "ID. Buzz Pro", "EV6 GT-Line AWD", "eHybrid".
const MODEL_WORD = /^(?:[\p{Lu}\d][\p{L}\d.+\-/]*|e[\p{Lu}-][\p{L}\d-]*|[a-z]{1,2}\d[\w-]*|ID\.)$/u;

/** "Toyota Corolla Touring Sports" from the first brand (or, failing that, known model) a customer names; null when none. */
export function findVehicleMention(text: string): string | null {
  for (const match of text.matchAll(new RegExp(BRAND_PATTERN, "gu"))) {
    const words = (text.slice(match.index + match[0].length).split("\n")[0] ?? "")
      .split(/[ \t]+/)
      .slice(1, 7);
    const model: string[] = [];
    for (const raw of words) {
      // A trailing full stop ends the sentence, except in "ID." where it is part of the name.
      const word = raw === "ID." ? raw : raw.replace(/[.,;:!?)»"]+$/, "");
      if (
        !(MODEL_WORD.test(word) || MODEL_EXACT.test(word)) ||
        (/^\d{4,}$/.test(word) && !/^(19|20)\d\d$/.test(word))
      )
        break;
      model.push(word);
      if (word !== raw) break;
    }
    // A bare brand in a signature ("Toyota Norge") says nothing; a brand followed by a model does.
    if (model.length && !/^(norge|norway|as|asa)$/i.test(model[0] ?? ""))
      return [match[0], ...model].join(" ").replace(/[.,]$/, "");
  }
  return MODEL_PATTERN.exec(text)?.[1] ?? null;
}

/** Whether the text names a brand or model at all (a purchase-intent signal even without a full model name). */
export function mentionsVehicle(text: string): boolean {
  return BRAND_PATTERN.test(text) || MODEL_PATTERN.test(text);
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
