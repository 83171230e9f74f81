/**
 * Text from the API (agency names, email subjects) is printed to a terminal: control characters in it could
 * move the cursor or rewrite earlier lines, so each becomes a visible placeholder.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

export const printable = (text: string): string => text.replace(CONTROL_CHARACTERS, '\uFFFD');
