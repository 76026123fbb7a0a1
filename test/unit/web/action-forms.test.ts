// The contract between the API's description and the workbench's generated action forms: every
// action the lifecycle defines gets a form, every field it requires has a schema and a control.
import { currentOpenApiDocument } from '../../../composition/web-build';
import { caseActionCatalogue } from '../../../domain/lifecycle';
import { PENALTY_KINDS } from '../../../domain/approvals';
import {
  actionCatalogueFrom,
  controlFor,
  fieldsAsked,
  PLEA_AGREEMENT_FIELDS,
} from '../../../web/src/action-forms';
import { FACT_LABELS, FIELD_LABELS, VALUE_LABELS } from '../../../web/src/labels';

const catalogue = actionCatalogueFrom(currentOpenApiDocument());

it('offers a form for every action of the lifecycle, with its label', () => {
  expect([...catalogue.actions.values()].map((a) => [a.code, a.label])).toEqual(
    caseActionCatalogue().map((a) => [a.code, a.label]),
  );
});

it('has a schema and a control for every field an action requires', () => {
  for (const action of catalogue.actions.values()) {
    for (const field of action.requires) {
      expect([action.code, field, catalogue.fields[field] !== undefined]).toEqual([
        action.code,
        field,
        true,
      ]);
    }
  }
});

it.each([
  // The police suggest the route; the procuratorate decides it when it accepts the case.
  ['TRANSFER_FOR_PROSECUTION', { suggestedRoute: 'choice', prosecutionOrg: 'organisation' }],
  ['PROSECUTION_ACCEPT', { route: 'choice' }],
  ['DECLINE_FILING', { reason: 'text', hasComplainant: 'yesNo' }],
  ['INDICT', { sentencingProposal: 'text', courtOrg: 'organisation' }],
  ['CONVERT_PROCEDURE', { procedure: 'choice', reason: 'text' }],
  ['FILE', {}],
  // The complainant's 复核 and the police's 复议 of a non-prosecution (issue 11 item 4).
  ['APPLY_FOR_REVIEW', { reason: 'text' }],
  ['REVIEW_ORDERS_FILING', { reason: 'text' }],
  ['REVIEW_UPHOLDS_NON_FILING', { reason: 'text' }],
  ['REQUEST_NON_PROSECUTION_RECONSIDERATION', { reason: 'text' }],
  ['ACCEPT_NON_PROSECUTION', {}],
  ['REVOKE_NON_PROSECUTION', { reason: 'text' }],
])('builds %s from its fields', (code, controls) => {
  const action = catalogue.actions.get(code)!;
  expect(
    Object.fromEntries(action.requires.map((f) => [f, controlFor(f, catalogue.fields[f]!)])),
  ).toEqual(controls);
});

it('offers the fast-track facts as the schema lists them, and the routes to choose from', () => {
  expect(catalogue.fields.route?.enum).toEqual(['FAST_TRACK', 'ORDINARY']);
  const facts = catalogue.fields.fastTrackFacts!;
  expect(controlFor('fastTrackFacts', facts)).toBe('facts');
  expect(Object.keys(facts.properties ?? {})).toContain('likelySentenceMonths');
});

it('asks the 认罪认罚具结书 with the fast-track route: the lawyer present, chosen, and their name', () => {
  expect(
    PLEA_AGREEMENT_FIELDS.map((field) => [field, controlFor(field, catalogue.fields[field]!)]),
  ).toEqual([
    ['pleaAgreementLawyer', 'choice'],
    ['pleaAgreementLawyerName', 'text'],
  ]);
  expect(catalogue.fields.pleaAgreementLawyer?.enum).toEqual(['DUTY_LAWYER', 'DEFENCE_COUNSEL']);
});

it('asks the fast-track facts with that route or suggestion, and the 认罪认罚具结书 when the route is decided', () => {
  const accept = catalogue.actions.get('PROSECUTION_ACCEPT')!;
  const transfer = catalogue.actions.get('TRANSFER_FOR_PROSECUTION')!;
  expect(fieldsAsked(accept, { route: 'ORDINARY' }, catalogue.fields)).toEqual(['route']);
  expect(fieldsAsked(accept, { route: 'FAST_TRACK' }, catalogue.fields)).toEqual([
    'route',
    'fastTrackFacts',
    'pleaAgreementLawyer',
    'pleaAgreementLawyerName',
  ]);
  expect(fieldsAsked(transfer, { suggestedRoute: 'ORDINARY' }, catalogue.fields)).toEqual([
    'suggestedRoute',
    'prosecutionOrg',
  ]);
  expect(fieldsAsked(transfer, { suggestedRoute: 'FAST_TRACK' }, catalogue.fields)).toEqual([
    'suggestedRoute',
    'prosecutionOrg',
    'fastTrackFacts',
  ]);
});

it('asks the facts the fast procedure (快速办理) judges when it is chosen, each in words', () => {
  const choose = catalogue.actions.get('CHOOSE_FAST_PROCEDURE')!;
  expect(fieldsAsked(choose, {}, catalogue.fields)).toEqual(['fastProcedureFacts']);
  expect(controlFor('fastProcedureFacts', catalogue.fields.fastProcedureFacts!)).toBe('facts');
});

it('labels every fact of every facts field', () => {
  for (const [field, schema] of Object.entries(catalogue.fields)) {
    if (controlFor(field, schema) !== 'facts') continue;
    const facts = Object.keys(schema.properties ?? {});
    expect([field, facts.filter((fact) => !FACT_LABELS[field]?.[fact])]).toEqual([field, []]);
  }
});

it("asks the penalty's kind, which decides who approves it, where the penalty is decided, and a fine's amount with a fine", () => {
  const decides = [...catalogue.actions.values()].filter((a) => a.requires.includes('penalty'));
  expect(decides).not.toEqual([]);
  for (const action of decides) {
    expect(fieldsAsked(action, {}, catalogue.fields)).toEqual(['penalty', 'penaltyKind']);
    expect(fieldsAsked(action, { penaltyKind: 'WARNING' }, catalogue.fields)).toEqual([
      'penalty',
      'penaltyKind',
    ]);
    expect(fieldsAsked(action, { penaltyKind: 'FINE' }, catalogue.fields)).toEqual([
      'penalty',
      'penaltyKind',
      'fineYuan',
    ]);
  }
  // A choice of the law's kinds, each with its Chinese label; the fine a whole number of yuan.
  expect(controlFor('penaltyKind', catalogue.fields.penaltyKind!)).toBe('choice');
  expect(catalogue.fields.penaltyKind?.enum).toEqual(Object.keys(PENALTY_KINDS));
  expect(catalogue.fields.penaltyKind?.enum?.map((kind) => VALUE_LABELS[kind])).toEqual(
    Object.values(PENALTY_KINDS),
  );
  expect(controlFor('fineYuan', catalogue.fields.fineYuan!)).toBe('number');
  expect(catalogue.fields.fineYuan?.minimum).toBe(1);
});

it('labels every field a form asks in Chinese', () => {
  const asked = new Set(
    [...catalogue.actions.values()].flatMap((action) =>
      fieldsAsked(
        action,
        { route: 'FAST_TRACK', suggestedRoute: 'FAST_TRACK', penaltyKind: 'FINE' },
        catalogue.fields,
      ),
    ),
  );
  expect([...asked].filter((field) => !FIELD_LABELS[field])).toEqual([]);
});
