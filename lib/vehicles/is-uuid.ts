import { z } from "zod";

const uuid = z.uuid();

/** An id from a URL that can name a row (anything else is a 404 like an unknown id). */
export const isUuid = (value: string) => uuid.safeParse(value).success;
