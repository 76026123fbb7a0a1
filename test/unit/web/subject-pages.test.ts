// Links to what a task, an escalation or a notification is about: the API's address of a subject
// (api/read-model/tasks.ts, subjectLink) becomes the app's page of it.
import { SUBJECT_PATHS, subjectLink } from '../../../api/read-model/tasks';
import type { SubjectType } from '../../../domain/steps';
import { SUBJECT_PAGES, subjectId, subjectPage } from '../../../web/src/subject-pages';

it.each([
  ['CASE', 'case-1', '/case/case-1'],
  ['ALARM', 'alarm-1', '/alarm/alarm-1'],
  ['INFO_REQUEST', 'info-1', '/info-request/info-1'],
  ['LITIGATION', 'lit-1', '/matter/lit-1'],
] as const)('opens a %s at its own page', (type, id, page) => {
  const link = subjectLink({ type, id });
  expect(subjectPage(link)).toBe(page);
  expect(subjectId(link)).toBe(id);
});

it('knows every kind of subject the API links to, under the same collection', () => {
  for (const [type, path] of Object.entries(SUBJECT_PATHS))
    expect(SUBJECT_PAGES[type as SubjectType].api).toBe(path);
});

it('leaves any other link as it is', () => {
  expect(subjectPage('/')).toBe('/');
  expect(subjectPage('/inbox')).toBe('/inbox');
});
