/*
 * The formal address ("De") for text written with "du": the built-in responder composes in "du" and, when the
 * dealership chose "De", each pronoun is swapped word for word. The pronouns of politeness are capitalised
 * (De, Dem, Deres) wherever they stand, as Norwegian writes them.
 */
const FORMAL: Record<string, string> = {
  du: "De",
  deg: "Dem",
  din: "Deres",
  ditt: "Deres",
  dine: "Deres",
};

/** `text` with "du/deg/din/ditt/dine" as "De/Dem/Deres"; other words (and "dusj", "dinosaur") untouched. */
export function toFormalAddress(text: string): string {
  return text.replace(
    /(?<![\p{L}\d])(du|deg|din|ditt|dine)(?![\p{L}\d])/giu,
    (word) => FORMAL[word.toLowerCase()] ?? word,
  );
}
