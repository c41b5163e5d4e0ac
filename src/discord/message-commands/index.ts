import { Collection } from 'discord.js';
import type { MessageCommand } from '../message-command.js';
import { answerFromFaq } from './answer-from-faq.js';

export const messageCommands: readonly MessageCommand[] = [answerFromFaq];

export const messageCommandsByName = new Collection<string, MessageCommand>(
	messageCommands.map((c) => [c.data.name, c]),
);
