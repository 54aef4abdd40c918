/** Entity, attribute, option set and relationship metadata, mapped to the schema model. */
package io.dataexport.dataverse.metadata;
