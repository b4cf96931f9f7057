/**
 * The mappings of Corral's OpenSearch indices: what each canonical field becomes, and therefore
 * what a query can ask of it.
 */
package dev.corral.opensearch.mapping;
