/** Name of the cluster given by `forRoot({ kafka })`. */
export const PRIMARY_CLUSTER = 'primary';
