/* The few parts of jQuery UI's tabs widget that django-modeltranslation's
   tabbed admin uses: $(el).tabs({active: n}), .tabs("option", "active", n)
   and the "tabsactivate" event. It replaces jQuery UI from a CDN, which the
   CSP and an offline admin would not allow. Keyboard: arrow keys move between
   tabs (WAI-ARIA tabs pattern). */
(function ($) {
  "use strict";

  function activate($box, index, focus) {
    var $tabs = $box.children("ul").children("li");
    var $panels = $box.children("div");
    if (!(index >= 0 && index < $tabs.length)) {
      index = 0;
    }
    var previous = $box.data("tabsActive");
    $tabs.removeClass("ui-tabs-active ui-state-active")
      .children("a").attr({"aria-selected": "false", tabindex: "-1"});
    $panels.addClass("ui-tabs-hide").attr("aria-hidden", "true");
    var $tab = $tabs.eq(index).addClass("ui-tabs-active ui-state-active");
    $tab.children("a").attr({"aria-selected": "true", tabindex: "0"});
    $panels.eq(index).removeClass("ui-tabs-hide").attr("aria-hidden", "false");
    if (focus) {
      $tab.children("a").trigger("focus");
    }
    $box.data("tabsActive", index);
    if (previous !== undefined && previous !== index) {
      $box.trigger("tabsactivate", [{newTab: $tab, oldTab: $tabs.eq(previous)}]);
    }
  }

  $.fn.tabs = function (options, name, value) {
    return this.each(function () {
      var $box = $(this);
      if (options === "option") {
        if (name === "active") {
          activate($box, value, false);
        }
        return;
      }
      $box.addClass("ui-tabs ui-widget ui-widget-content ui-corner-all");
      var $list = $box.children("ul")
        .addClass("ui-tabs-nav ui-helper-reset ui-helper-clearfix ui-widget-header ui-corner-all")
        .attr("role", "tablist");
      $list.children("li").addClass("ui-state-default ui-corner-top").attr("role", "presentation")
        .each(function (index) {
          var $link = $(this).children("a").addClass("ui-tabs-anchor").attr("role", "tab");
          $link.attr("aria-controls", ($link.attr("href") || "").replace("#", ""));
          $link.on("click", function (event) {
            event.preventDefault();
            activate($box, index, false);
          });
          $link.on("keydown", function (event) {
            var count = $list.children("li").length;
            if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
              event.preventDefault();
              var step = event.key === "ArrowRight" ? 1 : count - 1;
              activate($box, (index + step) % count, true);
            }
          });
        });
      $box.children("div").addClass("ui-tabs-panel ui-widget-content ui-corner-bottom")
        .attr("role", "tabpanel");
      activate($box, (options && options.active) || 0, false);
    });
  };
})(django.jQuery);
