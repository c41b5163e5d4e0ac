/** Text made safe inside SVG (XML) text and attribute values: `&`, `<`, `>` and `"` as entities. */
export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
