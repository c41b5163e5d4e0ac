import { Collection } from 'discord.js';
import type { Command } from '../command.js';
import { ask } from './ask.js';
import { cast } from './cast.js';
import { faq } from './faq.js';
import { help } from './help.js';
import { release } from './release.js';
import { reload } from './reload.js';
import { stats } from './stats.js';
import { unanswered } from './unanswered.js';

export const commands: readonly Command[] = [ask, release, cast, faq, help, reload, unanswered, stats];

export const commandsByName = new Collection<string, Command>(commands.map((c) => [c.data.name, c]));
