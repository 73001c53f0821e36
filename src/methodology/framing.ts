import type { Origin } from './version.ts';

export interface TemplateField {
  id: string;
  label: string;
  prompt: string;
  origin: Origin;
}

/** The method's problem-framing template: where the problem lives, who has it, and the gap to close. */
export const FRAME_FIELDS: readonly TemplateField[] = [
  {
    id: 'environment',
    label: 'Environment',
    prompt: 'Where does the problem live (market, setting, process)?',
    origin: 'method',
  },
  { id: 'dynamics', label: 'Dynamics', prompt: 'Which forces and trends are changing it?', origin: 'method' },
  { id: 'who', label: 'Who has it', prompt: 'Which specific people or segment feel the pain?', origin: 'method' },
  { id: 'currentState', label: 'Current state', prompt: 'What happens today?', origin: 'method' },
  { id: 'idealState', label: 'Ideal state', prompt: 'What would good look like for them?', origin: 'method' },
  { id: 'gap', label: 'Gap', prompt: 'What separates the two, in figures where possible?', origin: 'method' },
  {
    id: 'coping',
    label: 'How they cope today',
    prompt: 'Which workarounds or alternatives do they use?',
    origin: 'method',
  },
  {
    id: 'painEvidence',
    label: 'Evidence the pain is real',
    prompt: 'What shows the pain exists beyond our belief?',
    origin: 'method',
  },
];

/** The method's idea format, one structured sentence. */
export const IDEA_STATEMENT_FIELDS: readonly TemplateField[] = [
  { id: 'object', label: 'A …', prompt: 'What is it (product, service, feature)?', origin: 'method' },
  { id: 'users', label: 'for …', prompt: 'For which users?', origin: 'method' },
  { id: 'doesWhat', label: 'that …', prompt: 'What does it do?', origin: 'method' },
  { id: 'goal', label: 'in order to …', prompt: 'To reach which goal?', origin: 'method' },
  { id: 'value', label: 'users benefit by …', prompt: 'Which value do users get?', origin: 'method' },
  { id: 'situation', label: 'when …', prompt: 'In which situation?', origin: 'method' },
];
