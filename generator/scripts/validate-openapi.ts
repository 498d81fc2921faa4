/** The validators live in the converter package now (`@tm-partner/apib-to-openapi/validate`); scripts import them from here. */
export * from '../src/validate-openapi.js';
