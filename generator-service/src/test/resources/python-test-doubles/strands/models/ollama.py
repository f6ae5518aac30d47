"""Test double of strands.models.ollama: OllamaModel rejects unknown config keys, as the real one's validation does."""

_OLLAMA_CONFIG_KEYS = {
    "model_id", "max_tokens", "temperature", "top_p", "stop_sequences", "keep_alive", "options", "additional_args",
}


class OllamaModel:
    def __init__(self, host, *, ollama_client_args=None, **config):
        unknown = set(config) - _OLLAMA_CONFIG_KEYS
        if unknown:
            raise TypeError("OllamaModel got unknown config keys: " + ", ".join(sorted(unknown)))
        self.host = host
        self.config = config
