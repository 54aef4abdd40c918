/**
 * Writing notifications: payload conversion ({@code AttributeValues}), the order of a batch's
 * statements ({@code ChangePlan}), tombstones and the delete log ({@link
 * io.dataexport.jdbc.write.EntityBatchWriter}).
 */
package io.dataexport.jdbc.write;
