package net.azt3knet.adapters.vault;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;
import java.util.Map;

/** The KV version 2 endpoints we use (PROVIDER-APIS.md §5a). */
interface VaultApi {

    @RequestLine("GET /v1/{mount}/data/{path}")
    ReadResponse read(@Param("mount") String mount, @Param(value = "path", encoded = true) String path);

    @RequestLine("POST /v1/{mount}/data/{path}")
    @Headers("Content-Type: application/json")
    WriteResponse write(@Param("mount") String mount, @Param(value = "path", encoded = true) String path, WriteRequest body);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReadResponse(ReadData data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReadData(Map<String, Object> data, Metadata metadata) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metadata(Long version, String deletion_time, Boolean destroyed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WriteRequest(Map<String, Object> data, Options options) {
    }

    record Options(long cas) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WriteResponse(Metadata data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorResponse(List<String> errors) {
    }
}
