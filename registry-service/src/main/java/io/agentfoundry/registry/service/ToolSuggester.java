package io.agentfoundry.registry.service;

import io.agentfoundry.registry.config.RegistryConfig;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogTool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Suggests catalog tools for a text (a system prompt, a description) from the keywords in the tool catalog: no model
 * is asked, so the same text always gets the same suggestions. A keyword phrase of several words scores 2, a single
 * word 1, the tool's own name (when it has an underscore, like {@code http_request}) 3; deprecated tools are never suggested.
 */
@ApplicationScoped
public class ToolSuggester {

    private static final int NAME_SCORE = 3;
    private static final int PHRASE_SCORE = 2;
    private static final int WORD_SCORE = 1;

    private final List<CatalogTool> tools;
    private final int minimumScore;

    @Inject
    ToolSuggester(CatalogService catalog, RegistryConfig config) {
        this(catalog.catalog(), config.suggestions().minimumScore());
    }

    public ToolSuggester(Catalog catalog, int minimumScore) {
        this.tools = catalog.tools().stream().filter(tool -> !tool.markedDeprecated()).toList();
        this.minimumScore = minimumScore;
    }

    /**
     * @param matchedWords the keywords (or the tool name) found in the text, in catalog order
     */
    public record ToolSuggestion(String tool, int score, String reason, List<String> matchedWords) {
    }

    /** Best first; ties by tool name. */
    public List<ToolSuggestion> suggest(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> words = tokens(text);
        List<ToolSuggestion> suggestions = new ArrayList<>();
        for (CatalogTool tool : tools) {
            int score = 0;
            Set<String> matched = new LinkedHashSet<>();
            // only a name with an underscore is unmistakable: "stop" or "graph" are ordinary words
            if (tool.name().contains("_") && words.contains(tool.name())) {
                score += NAME_SCORE;
                matched.add(tool.name());
            }
            for (String keyword : tool.keywords()) {
                List<String> phrase = tokens(keyword);
                if (!phrase.isEmpty() && contains(words, phrase) && matched.add(keyword)) {
                    score += phrase.size() > 1 ? PHRASE_SCORE : WORD_SCORE;
                }
            }
            if (score >= minimumScore && score > 0) {
                suggestions.add(new ToolSuggestion(tool.name(), score, reason(tool, matched), List.copyOf(matched)));
            }
        }
        suggestions.sort(Comparator.comparingInt(ToolSuggestion::score).reversed().thenComparing(ToolSuggestion::tool));
        return suggestions;
    }

    private static String reason(CatalogTool tool, Set<String> matched) {
        return "The text mentions " + String.join(", ", matched.stream().map(word -> "'" + word + "'").toList())
                + "; " + tool.name() + ": " + tool.description();
    }

    /** Lower-case words of letters, digits and underscores; everything else separates them. */
    static List<String> tokens(String text) {
        return Arrays.stream(text.toLowerCase().split("[^a-z0-9_]+")).filter(word -> !word.isEmpty()).toList();
    }

    private static boolean contains(List<String> words, List<String> phrase) {
        if (phrase.size() == 1) {
            return words.contains(phrase.get(0));
        }
        for (int start = 0; start + phrase.size() <= words.size(); start++) {
            if (words.subList(start, start + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }
}
