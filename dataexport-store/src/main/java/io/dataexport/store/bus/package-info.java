/**
 * The embedded notification bus ({@code embedded}): durable, partitioned, in local files.
 *
 * <pre>
 * &lt;data directory&gt;/bus/&lt;profile id&gt;/
 *   bus.properties              format, partition count, hash          BusDirectory
 *   bus.lock                    one process at a time                  BusDirectory
 *   partition-&lt;n&gt;/&lt;offset&gt;.seg  checksummed records, append-only     PartitionLog, RecordFormat
 *   groups/&lt;group&gt;.offsets      committed offset per partition         ConsumerGroups
 * </pre>
 *
 * <p>Publishing: {@link io.dataexport.store.bus.EmbeddedBus#publish} encodes each notification in a
 * compact binary form ({@code NotificationCodec}), picks its partition from the partition key
 * ({@code Partitioner}), appends to each partition touched and forces it to disk. Consuming: {@code
 * EmbeddedConsumer} reads every partition through a {@code PartitionReader}, commits the contiguous
 * acknowledged offsets, and the bus then deletes the segments every group has passed.
 */
package io.dataexport.store.bus;
