namespace Icmal.Web.Pages;

/// <summary>The page frame shared by every portal page: Azerbaijani, readable on a phone, no scripts, no CDN.</summary>
public static class Layout
{
    public static string Render(string title, Action<Html> body, string? description = null)
    {
        var h = new Html();
        h.Raw("<!DOCTYPE html>\n<html lang=\"az\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<title>").Text(title).Raw(" — İcmal</title>\n");
        if (description is not null) h.Raw("<meta name=\"description\" content=\"").Attr(description).Raw("\">\n");
        h.Raw("<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n")
            .Raw("<header class=\"site\"><a class=\"brand\" href=\"/\">İcmal</a>")
            .Raw("<span class=\"tagline\">Azərbaycan xəbərlərinin icmalı</span></header>\n")
            .Raw("<main>\n");
        body(h);
        h.Raw("</main>\n<footer class=\"site\"><p>İcmal — xəbərlər mənbələrindən toplanır; mətnlər naşirlərinə məxsusdur.</p>")
            .Raw("<p><a href=\"/api/articles\">JSON API</a></p></footer>\n</body>\n</html>\n");
        return h.ToString();
    }
}
