import type {
  VehicleBodyType,
  VehicleDrivetrain,
  VehicleFuel,
  VehicleTransmission,
} from "../../db/schema/enums.ts";

// Norwegian words for the attribute codes, for text the customer reads (the reply, the AI prompt). The dashboard
// labels the same codes through next-intl (`vehicles.fuel.*` …) in the user's locale.
export const FUEL_LABELS_NB: Record<VehicleFuel, string> = {
  electric: "elektrisk",
  plug_in_hybrid: "ladbar hybrid",
  hybrid: "hybrid",
  petrol: "bensin",
  diesel: "diesel",
  hydrogen: "hydrogen",
  other: "annet",
};

export const TRANSMISSION_LABELS_NB: Record<VehicleTransmission, string> = {
  automatic: "automat",
  manual: "manuell",
};

export const DRIVETRAIN_LABELS_NB: Record<VehicleDrivetrain, string> = {
  fwd: "forhjulsdrift",
  rwd: "bakhjulsdrift",
  awd: "firehjulsdrift",
};

export const BODY_TYPE_LABELS_NB: Record<VehicleBodyType, string> = {
  suv: "SUV",
  station_wagon: "stasjonsvogn",
  sedan: "sedan",
  hatchback: "kombikupé",
  mpv: "flerbruksbil",
  coupe: "kupé",
  convertible: "cabriolet",
  pickup: "pickup",
  van: "varebil",
};

/** The Norwegian label of a stored code; an unknown or legacy value is returned as it is. */
export function labelOf<K extends string>(labels: Record<K, string>, code: string | null): string | null {
  if (code == null) return null;
  return (labels as Record<string, string>)[code] ?? code;
}
