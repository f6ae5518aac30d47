"""Test double of strands.models: BedrockModel with the real constructor's keywords."""

_BEDROCK_CONFIG_KEYS = {
    "model_id", "max_tokens", "temperature", "top_p", "stop_sequences", "streaming", "cache_tools", "guardrail_id",
    "guardrail_version", "guardrail_trace", "additional_request_fields", "additional_args",
}


class BedrockModel:
    def __init__(self, *, boto_session=None, boto_client_config=None, region_name=None, endpoint_url=None, **config):
        unknown = set(config) - _BEDROCK_CONFIG_KEYS
        if unknown:
            raise TypeError("BedrockModel got unknown config keys: " + ", ".join(sorted(unknown)))
        if "model_id" not in config:
            raise TypeError("pass model_id: its default changed between releases")
        self.boto_client_config = boto_client_config
        self.region_name = region_name
        self.config = config
