package dev.corral.dist.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CorralUiExtension.class)
class SearchPageTest {
  @Test
  void landingPageShowsSearch(Browser browser) throws Exception {
    browser.open("");
    browser.visible("#page .placeholder");
  }
}
