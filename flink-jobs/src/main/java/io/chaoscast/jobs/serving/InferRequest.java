package io.chaoscast.jobs.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One validated inference request: contexts [B][L][d], the horizon and the caller's id. Every field
 * is type-checked (no silent defaults for a wrong type, no wrapping of large integers), and every
 * size is computed with overflow-checked arithmetic and compared with the {@link ServeLimits}
 * before an array of that size exists.
 */
record InferRequest(String id, double[][][] contexts, int horizon) {

  /** Fixed JSON structure around the data: names, shape, parameters, id. */
  private static final int STRUCTURE_TOKENS = 256;

  /**
   * A parser for bodies within {@code limits}: the token count bounds the tree that Jackson builds
   * (about 30 bytes a value) whatever the body's numbers look like.
   */
  static ObjectMapper mapper(ServeLimits limits) {
    // Nested data ([[[v]]] with one channel) costs up to three tokens a value.
    var constraints =
        StreamReadConstraints.builder()
            .maxTokenCount(3 * limits.maxElements() + STRUCTURE_TOKENS)
            .maxDocumentLength(limits.maxBodyBytes())
            .maxNestingDepth(32)
            .build();
    // NaN and Infinity tokens parse, so that they get the precise "must be finite" answer.
    JsonFactory factory =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(constraints)
            .build();
    return JsonMapper.builder(factory).build();
  }

  static InferRequest parse(JsonNode request, ServedModel model, ServeLimits limits)
      throws RequestException {
    if (!request.isObject()) throw RequestException.badRequest("the request must be a JSON object");
    String id = null;
    if (request.has("id")) {
      if (!request.get("id").isTextual()) throw RequestException.badRequest("id must be a string");
      id = request.get("id").asText();
    }
    JsonNode inputs = request.path("inputs");
    if (!inputs.isArray() || inputs.size() != 1 || !inputs.get(0).isObject())
      throw RequestException.badRequest("inputs must be an array of one input named 'context'");
    JsonNode input = inputs.get(0);
    if (!input.path("name").isTextual() || !"context".equals(input.get("name").asText()))
      throw RequestException.badRequest("expected one input named 'context'");
    if (input.has("datatype")) {
      JsonNode type = input.get("datatype");
      if (!type.isTextual() || !(type.asText().equals("FP32") || type.asText().equals("FP64")))
        throw RequestException.badRequest("datatype must be FP32 or FP64, not " + type);
    }
    long[] shape = shape(input.path("shape"));
    long values = elements(shape[0], shape[1], shape[2], limits, "context shape");
    if (shape[2] != model.channels() || shape[1] < model.minContextLength()) {
      throw RequestException.badRequest(
          "context shape "
              + input.get("shape")
              + " does not fit the model: need length >= "
              + model.minContextLength()
              + " and "
              + model.channels()
              + " channels");
    }
    int horizon = horizon(request, model, limits);
    elements(shape[0], horizon, shape[2], limits, "forecast shape [batch, horizon, channels]");

    int b = (int) shape[0], l = (int) shape[1], d = (int) shape[2];
    double[] flat = new double[(int) values];
    int n = flatten(input.path("data"), flat, 0);
    if (n != flat.length)
      throw RequestException.badRequest(
          "data holds "
              + (n > flat.length ? "more than " + values : n)
              + " values, shape needs "
              + values);
    double[][][] contexts = new double[b][l][d];
    int i = 0;
    for (double[][] window : contexts)
      for (double[] row : window) for (int c = 0; c < d; c++) row[c] = flat[i++];
    return new InferRequest(id, contexts, horizon);
  }

  private static long[] shape(JsonNode shape) throws RequestException {
    if (!shape.isArray() || shape.size() != 3)
      throw RequestException.badRequest("context shape must be [batch, length, channels]");
    long[] dims = new long[3];
    for (int k = 0; k < 3; k++) {
      JsonNode dim = shape.get(k);
      if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.asLong() < 1)
        throw RequestException.badRequest("context shape must hold positive integers: " + shape);
      dims[k] = dim.asLong();
    }
    return dims;
  }

  /** The product of three dimensions, checked against the cap without overflowing. */
  private static long elements(long a, long b, long c, ServeLimits limits, String what)
      throws RequestException {
    long n;
    try {
      n = Math.multiplyExact(Math.multiplyExact(a, b), c);
    } catch (ArithmeticException e) {
      n = Long.MAX_VALUE;
    }
    if (n > limits.maxElements())
      throw RequestException.badRequest(
          what
              + " ["
              + a
              + ", "
              + b
              + ", "
              + c
              + "] holds more than "
              + limits.maxElements()
              + " values, this server's limit");
    return n;
  }

  private static int horizon(JsonNode request, ServedModel model, ServeLimits limits)
      throws RequestException {
    JsonNode parameters = request.path("parameters");
    if (parameters.isMissingNode()) return model.horizon();
    if (!parameters.isObject()) throw RequestException.badRequest("parameters must be an object");
    JsonNode h = parameters.path("horizon");
    if (h.isMissingNode()) return model.horizon();
    if (!h.isIntegralNumber()
        || !h.canConvertToInt()
        || h.asInt() < 1
        || h.asInt() > limits.maxHorizon())
      throw RequestException.badRequest(
          "parameters.horizon must be an integer in 1.." + limits.maxHorizon() + ", not " + h);
    return h.asInt();
  }

  /** Copies the (flat or nested) numbers into {@code out}; stops counting once it is full. */
  private static int flatten(JsonNode node, double[] out, int at) throws RequestException {
    if (node.isArray()) {
      for (JsonNode n : node) {
        at = flatten(n, out, at);
        if (at > out.length) return at;
      }
      return at;
    }
    if (!node.isNumber()) throw RequestException.badRequest("data must hold numbers");
    double v = node.asDouble();
    if (!Double.isFinite(v)) throw RequestException.badRequest("context values must be finite");
    if (at < out.length) out[at] = v;
    return at + 1;
  }
}
