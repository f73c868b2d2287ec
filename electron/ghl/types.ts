/** Names for the spec types the client uses, taken from the generated OpenAPI types. */
import type { components as Contacts } from './openapi/types/contacts';
import type { components as Locations } from './openapi/types/locations';
import type { components as Workflows } from './openapi/types/workflows';

export type UpsertContactDto = Contacts['schemas']['UpsertContactDto'];
export type UpsertContactResponseDto = Contacts['schemas']['UpsertContactsSuccessfulResponseDto'];
export type GhlContact = Contacts['schemas']['GetContectByIdSchema'];
export type GetContactResponseDto = Contacts['schemas']['ContactsByIdSuccessfulResponseDto'];
export type TagsDto = Contacts['schemas']['TagsDTO'];
export type AddTagsResponseDto = Contacts['schemas']['CreateAddTagSuccessfulResponseDto'];
export type UpdateTagsDto = Contacts['schemas']['UpdateTagsDTO'];
export type UpdateTagsResponseDto = Contacts['schemas']['UpdateTagsResponseDTO'];
export type AddToWorkflowDto = Contacts['schemas']['CreateWorkflowDto'];
export type AddToWorkflowResponseDto = Contacts['schemas']['ContactsWorkflowSuccessfulResponseDto'];
export type GetLocationResponseDto = Locations['schemas']['GetLocationByIdSuccessfulResponseDto'];
export type GhlWorkflow = Workflows['schemas']['WorkflowSchema'];
export type GetWorkflowsResponseDto = Workflows['schemas']['GetWorkflowSuccessfulResponseDto'];
export type GhlNote = Contacts['schemas']['GetNoteSchema'];
export type NotesDto = Contacts['schemas']['NotesDTO'];
export type GhlCustomField = Locations['schemas']['CustomFieldSchema'];
export type CreateCustomFieldDto = Locations['schemas']['CreateCustomFieldsDTO'];

export type { GhlOperation } from './operations';
