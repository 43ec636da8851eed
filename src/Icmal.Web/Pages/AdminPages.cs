using System.Globalization;
using Icmal.Collection;
using Icmal.Storage;
using Icmal.Model;

namespace Icmal.Web.Pages;

/// <summary>
/// The administration pages. There are no accounts yet: these pages go behind login once accounts exist; until then
/// the portal listens on 127.0.0.1 only by default, and these pages change nothing (read-only).
/// </summary>
public static class AdminPages
{
    /// <summary>/admin/sources: per-source health — last success, last error, articles per day, next poll.</summary>
    public static string Sources(IReadOnlyList<SourceHealth> sources, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Layout.Render("Mənbələr", h =>
        {
            h.Raw("<h1>Mənbələr</h1>\n");
            int enabled = sources.Count(s => s.Source.Enabled);
            h.Raw("<p class=\"meta\">").Text(string.Create(CultureInfo.InvariantCulture,
                $"{sources.Count} mənbə, {enabled} aktiv. Mənbə əlavə etmək: icmal sources add ÜNVAN; aktivləşdirmək: icmal sources enable AD.")).Raw("</p>\n");
            if (sources.Count == 0)
            {
                h.Raw("<p class=\"empty\">Hələ heç bir mənbə yoxdur.</p>\n");
                return;
            }
            h.Raw("<div class=\"table-wrap\"><table class=\"sources\">\n<thead><tr><th>Mənbə</th><th>Vəziyyət</th><th>Son uğurlu yoxlama</th><th>Son xəta</th>")
                .Raw("<th>Gündəlik xəbər (7 gün)</th><th>Cəmi</th><th>Sorğular (24 saat)</th><th>Növbəti yoxlama</th><th>Alınmayan səhifələr</th></tr></thead>\n<tbody>\n");
            foreach (var item in sources)
            {
                var s = item.Source;
                bool failing = s.ConsecutiveFailures > 0;
                h.Raw("<tr class=\"").Raw(!s.Enabled ? "disabled" : failing ? "failing" : "healthy").Raw("\">");
                h.Raw("<td><a rel=\"nofollow noopener\" href=\"").Attr(Html.SafeUrl(s.HomeUrl)).Raw("\">").Text(s.Name).Raw("</a>");
                foreach (var e in item.Endpoints)
                {
                    h.Raw("<br><small>").Text(KindName(e.Kind)).Raw(": ").Text(e.Url);
                    if (e.LastError is not null) h.Raw(" — <span class=\"error\">").Text(e.LastError).Raw("</span>");
                    h.Raw("</small>");
                }
                h.Raw("</td>");
                h.Raw("<td>").Text(!s.Enabled ? "söndürülüb" : failing
                    ? string.Create(CultureInfo.InvariantCulture, $"xəta ({s.ConsecutiveFailures} dəfə ardıcıl)")
                    : s.LastPolled is null ? "hələ yoxlanmayıb" : "işləyir").Raw("</td>");
                h.Raw("<td>");
                if (s.LastSuccess is { } ok) h.Raw("<time datetime=\"").Raw(AzFormat.Iso(ok)).Raw("\">").Text(AzFormat.DateTime(ok)).Raw("</time>");
                else h.Raw("heç vaxt");
                h.Raw("</td>");
                h.Raw("<td>");
                if (s.LastError is not null)
                {
                    h.Text(s.LastError);
                    if (s.LastErrorAt is { } at) h.Raw("<br><small>").Text(AzFormat.DateTime(at)).Raw("</small>");
                }
                else h.Raw("—");
                h.Raw("</td>");
                h.Raw("<td>").Text((item.ArticlesLast7Days / 7.0).ToString("0.#", CultureInfo.InvariantCulture)).Raw("</td>");
                h.Raw("<td>").Text(item.ArticlesTotal.ToString(CultureInfo.InvariantCulture)).Raw("</td>");
                h.Raw("<td>").Text(string.Create(CultureInfo.InvariantCulture, $"{item.FetchesLast24Hours} ({item.FailedFetchesLast24Hours} uğursuz)")).Raw("</td>");
                h.Raw("<td>");
                if (!s.Enabled) h.Raw("—");
                else if (s.NextPoll is null || s.NextPoll <= now) h.Raw("indi");
                else h.Text(AzFormat.DateTime(s.NextPoll.Value));
                h.Raw("</td>");
                ItemErrors(h, item.RecentItemErrors);
                h.Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table></div>\n");
        }, "İcmal mənbələrinin vəziyyəti");
    }

    /// <summary>The source's latest pages that were not stored: address, stage and reason, newest first.</summary>
    private static void ItemErrors(Html h, IReadOnlyList<ItemError> errors)
    {
        h.Raw("<td class=\"item-errors\">");
        if (errors.Count == 0)
        {
            h.Raw("—</td>");
            return;
        }
        h.Raw("<ul>");
        foreach (var e in errors)
        {
            h.Raw("<li><small>").Text(e.Origin).Raw("</small><br><span class=\"error\">").Text(StageName(e.Stage)).Raw(": ").Text(e.Reason)
                .Raw("</span> <small><time datetime=\"").Raw(AzFormat.Iso(e.At)).Raw("\">").Text(AzFormat.DateTime(e.At)).Raw("</time></small></li>");
        }
        h.Raw("</ul></td>");
    }

    private static string StageName(IngestStage stage) => stage switch
    {
        IngestStage.Fetch => "yükləmə",
        IngestStage.Read => "oxuma",
        IngestStage.Decode => "kodlaşdırma",
        IngestStage.Extract => "mətnin çıxarılması",
        IngestStage.Analyse => "təhlil",
        IngestStage.Store => "saxlama",
        IngestStage.Cluster => "süjetə ayırma",
        _ => stage.Code(),
    };

    private static string KindName(EndpointKind kind) => kind switch
    {
        EndpointKind.Sitemap => "sayt xəritəsi",
        EndpointKind.Listing => "siyahı səhifəsi",
        _ => "lent",
    };
}
