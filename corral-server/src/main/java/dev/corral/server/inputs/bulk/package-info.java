/** Elasticsearch / OpenSearch {@code _bulk} API and the calls shippers make at start-up. */
package dev.corral.server.inputs.bulk;
