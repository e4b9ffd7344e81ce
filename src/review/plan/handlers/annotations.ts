/** kubernetes_annotations: annotations added to an existing ServiceAccount. */
import { currentSide, text, type Change } from '../change';
import type { BuildContext, ResourceHandler } from './context';
import { addServiceAccount } from './service-account';

export const annotationsHandler: ResourceHandler = {
  types: ['kubernetes_annotations'],
  stage: 'consumers',
  handle(c: Change, context: BuildContext): void {
    if (text(c, currentSide(c), ['kind']) !== 'ServiceAccount') return;
    addServiceAccount(c, context, ['annotations'], ['annotations']);
  },
};
