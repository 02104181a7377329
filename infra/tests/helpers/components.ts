// The component classes, imported in one place after the mocks are installed.
export { Alarms } from '../../src/alarms';
export { KinesisMapping } from '../../src/event-source-mapping';
export { LambdaFunction } from '../../src/function';
export { HttpAccess } from '../../src/http-access';
export { Stream } from '../../src/stream';
export { Tables } from '../../src/tables';
