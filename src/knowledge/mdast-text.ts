/**
 * The text of Markdown syntax-tree nodes, collected with an explicit stack rather than recursion:
 * a tree is as deep as its nesting, and a recursive walk of a deep one overflows the call stack
 * (2,000 nested list items on one line did, and took the bot down).
 */
import type { Blockquote, List, ListItem, Nodes } from 'mdast';

/** A node's plain text, like mdast-util-to-string with `includeHtml: false`. */
export function textOf(root: Nodes): string {
	let text = '';
	const stack: Nodes[] = [root];
	for (let node = stack.pop(); node; node = stack.pop()) {
		if ('value' in node) {
			if (node.type !== 'html') text += node.value;
		} else if ('alt' in node && node.alt) {
			text += node.alt;
		} else if ('children' in node) {
			for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
		}
	}
	return text;
}

/** Nodes whose block text is made from their children's. */
type Container = List | ListItem | Blockquote;

function isContainer(node: Nodes): node is Container {
	return node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote';
}

/** The block text of a node that holds no other blocks. */
function leafText(node: Nodes): string[] {
	switch (node.type) {
		case 'code':
			return [node.value];
		case 'html':
		case 'thematicBreak':
		case 'definition':
		case 'yaml':
			return [];
		default:
			return [textOf(node)];
	}
}

/** A container's block text from its children's: a list is one text with a marker per item. */
function containerText(node: Container, children: string[][]): string[] {
	switch (node.type) {
		case 'blockquote':
			return children.flat();
		case 'listItem':
			return [children.flat().join('\n')];
		case 'list':
			return [
				children
					.map((item, index) => `${node.ordered ? `${(node.start ?? 1) + index}.` : '-'} ${item.join('\n')}`)
					.join('\n'),
			];
	}
}

/** The text of a block as paragraph strings: one per paragraph, one per list, quotes opened up. */
export function blockText(root: Nodes): string[] {
	if (!isContainer(root)) return leafText(root);
	/** The containers being read, outermost first, each with its children's texts so far. */
	const stack: { node: Container; children: string[][] }[] = [{ node: root, children: [] }];
	for (;;) {
		const frame = stack.at(-1)!;
		const child: Nodes | undefined = frame.node.children[frame.children.length];
		if (child === undefined) {
			stack.pop();
			const text = containerText(frame.node, frame.children);
			const parent = stack.at(-1);
			if (!parent) return text;
			parent.children.push(text);
		} else if (isContainer(child)) {
			stack.push({ node: child, children: [] });
		} else {
			frame.children.push(leafText(child));
		}
	}
}
