package io.agentfoundry.registry.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ToolSuggesterTest {

    private static final ToolSuggester SUGGESTER = new ToolSuggester(CatalogLoaderTest.catalog(), 1);

    @ParameterizedTest(name = "{1} for: {0}")
    @CsvSource(delimiter = '|', value = {
            "You are a concise weather assistant. Use http_request to fetch forecasts from api.weather.gov. | http_request",
            "Search the web for the latest news about renewable energy and summarize it.                   | tavily",
            "Read the CSV file the user names and answer questions about its contents.                     | file_read",
            "Generate an image of the product from the user's description.                                 | generate_image",
            "Run Python code to compute statistics on the numbers the user gives you.                      | python_repl",
            "List the S3 buckets in the AWS account and report their sizes.                                | use_aws",
            "Remember the user's preferences across conversations and recall them later.                   | mem0_memory",
            "Open the supplier portal in a browser, log in to it and fill out forms for each order.        | browser",
            "Create a short video clip from the storyboard the user sends.                                 | nova_reels",
            "Read the answer aloud with text to speech.                                                    | speak",
            "When you are unsure, ask the user for approval before continuing.                             | handoff_to_user",
            "Write the final report and save it to a file in the output folder.                            | file_write",
            "Connect to the MCP server that exposes our ticketing system.                                  | mcp_client",
            "Scrape the competitor's pricing pages and crawl their catalogue.                              | bright_data"})
    void theToolThePromptNeedsComesFirst(String prompt, String expected) {
        List<ToolSuggester.ToolSuggestion> suggestions = SUGGESTER.suggest(prompt);
        assertThat(suggestions).as(prompt).isNotEmpty();
        assertThat(suggestions.get(0).tool()).as(suggestions.toString()).isEqualTo(expected);
        assertThat(suggestions.get(0).matchedWords()).isNotEmpty();
        assertThat(suggestions.get(0).reason()).contains(suggestions.get(0).matchedWords().get(0));
    }

    @Test
    void aPromptThatNeedsNoToolGetsNoSuggestion() {
        assertThat(SUGGESTER.suggest("You are a friendly poet who writes haiku about the seasons.")).isEmpty();
        assertThat(SUGGESTER.suggest("   ")).isEmpty();
    }

    @Test
    void namingTheToolScoresMoreThanAWordAndDeprecatedToolsAreNeverSuggested() {
        List<ToolSuggester.ToolSuggestion> named = SUGGESTER.suggest("Call http_request.");
        assertThat(named).extracting(ToolSuggester.ToolSuggestion::tool, ToolSuggester.ToolSuggestion::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http_request", 3));
        assertThat(SUGGESTER.suggest("Use the calculator and the shell, then sleep.")).extracting(ToolSuggester.ToolSuggestion::tool)
                .doesNotContain("calculator", "shell", "sleep");
    }

    @Test
    void theSameTextAlwaysGetsTheSameRanking() {
        String text = "Search the web, fetch the API and save the report to a file.";
        assertThat(SUGGESTER.suggest(text)).isEqualTo(SUGGESTER.suggest(text));
        assertThat(SUGGESTER.suggest(text)).extracting(ToolSuggester.ToolSuggestion::score).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
    }
}
