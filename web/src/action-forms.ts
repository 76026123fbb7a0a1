// What the case action forms are built from, read out of the API's OpenAPI document: each action's
// label and required fields (x-case-actions on POST /cases/{id}/actions) and the schema of every
// field. Pure, so that the contract between the API's description and the forms is tested without
// a browser (test/unit/web/action-forms.test.ts).

export interface FieldSchema {
  type?: string;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export interface ActionDescription {
  code: string;
  label: string;
  requires: string[];
}

export interface ActionCatalogue {
  actions: Map<string, ActionDescription>;
  fields: Record<string, FieldSchema>;
}

/** The kind of control a field gets. */
export type Control = 'organisation' | 'choice' | 'yesNo' | 'text' | 'facts';

/** Fields that name an organisation of the directory: picked, not typed. */
export const ORGANISATION_FIELDS: Record<string, 'PROCURATORATE' | 'COURT'> = {
  prosecutionOrg: 'PROCURATORATE',
  courtOrg: 'COURT',
};

/**
 * The 认罪认罚具结书's fields (刑事诉讼法 Art. 174): required only when the procuratorate decides
 * the FAST_TRACK route on acceptance, so asked then, beside the fast-track facts.
 */
export const PLEA_AGREEMENT_FIELDS = ['pleaAgreementLawyer', 'pleaAgreementLawyerName'] as const;

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

export function actionCatalogueFrom(document: OpenApiDocument): ActionCatalogue {
  const operation = document.paths['/cases/{id}/actions']?.post as
    | {
        'x-case-actions': ActionDescription[];
        requestBody: {
          content: {
            'application/json': {
              schema: { properties: { fields: { properties: Record<string, FieldSchema> } } };
            };
          };
        };
      }
    | undefined;
  if (!operation) throw new Error('The API describes no POST /cases/{id}/actions.');
  return {
    actions: new Map(operation['x-case-actions'].map((a) => [a.code, a])),
    fields: operation.requestBody.content['application/json'].schema.properties.fields.properties,
  };
}

export function controlFor(name: string, schema: FieldSchema): Control {
  if (ORGANISATION_FIELDS[name]) return 'organisation';
  if (schema.enum) return 'choice';
  if (schema.type === 'boolean') return 'yesNo';
  if (schema.type === 'object') return 'facts';
  return 'text';
}
