export { createHttpFetch, type FetchFunction, type HttpFetchSettings } from './create-http-fetch';
