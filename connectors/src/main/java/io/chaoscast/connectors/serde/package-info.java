/** JSON encoding and decoding of the records, and the one exception type for unusable input. */
package io.chaoscast.connectors.serde;
