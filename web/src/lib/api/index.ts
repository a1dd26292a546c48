export { ApiError, request, setUnauthorizedHandler } from './client';
export { authApi, meApi, membersApi, workspaceApi } from './auth';
export { contactsApi, pipelineApi, referralsApi, reportsApi, type ContactListParams, type PipelineParams } from './contacts';
export { touchpointsApi, remindersApi, followUpsApi } from './activity';
export { handleError, fieldErrorsOf, type FieldErrors } from './handle-error';
