package dev.corral.pipeline.processors;

import dev.corral.pipeline.ProcessorFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processors of this package by type name, with Elasticsearch's names where Elasticsearch has
 * the processor. Each type's options and semantics are in its class's comment and in
 * docs/pipelines.md.
 */
public final class BuiltInProcessors {
  private BuiltInProcessors() {}

  /** A new map of every built-in type to its factory. */
  public static Map<String, ProcessorFactory> factories() {
    Map<String, ProcessorFactory> factories = new LinkedHashMap<>();
    factories.put("set", SetField::create);
    factories.put("remove", RemoveFields::create);
    factories.put("rename", RenameField::create);
    factories.put("copy", SetField::copy);
    factories.put("append", AppendValues::create);
    factories.put("lowercase", CaseChange::lowercase);
    factories.put("uppercase", CaseChange::uppercase);
    factories.put("trim", Trim::create);
    factories.put("gsub", Gsub::create);
    factories.put("split", SplitText::create);
    factories.put("join", JoinList::create);
    factories.put("urldecode", UrlDecode::create);
    factories.put("uri_parts", UriParts::create);
    factories.put("convert", ConvertType::create);
    factories.put("json", JsonParse::create);
    factories.put("kv", KeyValueSplit::create);
    factories.put("csv", CsvSplit::create);
    factories.put("dissect", Dissect::create);
    factories.put("date", DateParse::create);
    factories.put("fingerprint", Fingerprint::create);
    factories.put("truncate", Truncate::create);
    factories.put("drop", Drop::create);
    factories.put("sample", Sample::create);
    factories.put("tag", AddTags::create);
    factories.put("add_field", AddFields::create);
    factories.put("route", Route::create);
    return factories;
  }
}
