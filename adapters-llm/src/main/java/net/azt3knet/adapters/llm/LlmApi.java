package net.azt3knet.adapters.llm;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

/** One JSON POST; the raw response, whatever its status, is interpreted by {@link LlmClient}. */
interface LlmApi {

    @RequestLine("POST {path}")
    @Headers({"Content-Type: application/json", "Accept: application/json, text/event-stream, application/x-ndjson"})
    Response post(@Param(value = "path", encoded = true) String path, String body);

    @RequestLine("GET {path}")
    @Headers("Accept: application/json")
    Response get(@Param(value = "path", encoded = true) String path);
}
