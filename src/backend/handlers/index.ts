/** Every contract handler, one per channel (the type makes a missing one a compile error). */
import type { Channel } from '../../shared/ipc/contract';
import { appHandlers } from './app';
import { dataHandlers } from './data';
import { dialogHandlers } from './dialog';
import { fairnessHandlers } from './fairness';
import { modelHandlers } from './model';
import { privacyHandlers } from './privacy';
import { projectHandlers } from './project';
import { reportHandlers } from './report';
import { resultsHandlers } from './results';
import { templateHandlers } from './template';
import { trainHandlers } from './train';
import type { Handlers } from './types';

export const handlers: Handlers<Channel> = {
  ...appHandlers,
  ...projectHandlers,
  ...dataHandlers,
  ...templateHandlers,
  ...trainHandlers,
  ...resultsHandlers,
  ...fairnessHandlers,
  ...privacyHandlers,
  ...dialogHandlers,
  ...reportHandlers,
  ...modelHandlers,
};
