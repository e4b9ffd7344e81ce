/** Pure IAM policy logic shared by the plan reviewer and the constructs: no cdktf imports here. */
export * from './document';
export * from './patterns';
export * from './conditions';
export * from './evaluate';
export * from './access';
export * from './action-catalog';
export * from './diff';
export * from './permissions';
