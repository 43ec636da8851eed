using Icmal.Extraction;

namespace Icmal.Tests.Extraction;

/// <summary>Small hand-written pages that pin how the main-text rules treat leads, teasers and the boxes around an article.</summary>
public sealed class MainTextTests
{
    private const string Body1 = "Prezident İlham Əliyev oktyabrın 20-də Qazaxıstana dövlət səfərinə gedib. Səfər çərçivəsində iki ölkə arasında 150-yə yaxın sənəd imzalanıb, ticarət dövriyyəsinin artırılması müzakirə olunub.";
    private const string Body2 = "Astanada keçirilən Ali Dövlətlərarası Şuranın ikinci iclasında Orta Dəhlizin inkişafı, enerji və nəqliyyat layihələri, həmçinin süni intellekt üzrə əməkdaşlıq geniş müzakirə edilib.";
    private const string Body3 = "Tərəflər Xəzər dənizi vasitəsilə yükdaşımaların həcminin artırılmasının, Bakı–Tbilisi–Qars dəmir yolunun imkanlarından səmərəli istifadənin vacibliyini vurğulayıblar.";
    private const string Lead = "İki ölkə arasında imzalanan sənədlər enerji, nəqliyyat və rəqəmsal sahələri əhatə edir.";

    private static string Page(string header, string afterBody = "") => $$"""
        <html><head><title>Əliyev Astanada</title></head><body>
          <nav><a href="/">Əsas</a> <a href="/siyaset">Siyasət</a></nav>
          <div class="wrapper">
            <header class="article-header">{{header}}</header>
            <div class="row"><div class="col-8">
              <div class="article-body"><p>{{Body1}}</p><p>{{Body2}}</p><p>{{Body3}}</p></div>
            </div></div>
            {{afterBody}}
          </div>
        </body></html>
        """;

    [Fact]
    public void Standfirst_between_the_headline_and_the_body_leads_the_text()
    {
        var a = HtmlArticleExtractor.Extract(Page($"<h1>Əliyev Astanada</h1><span>12.10.2025</span><p>{Lead}</p>"));
        Assert.StartsWith(Lead, a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Box_named_like_a_lead_is_taken_even_without_a_headline_before_it()
    {
        var a = HtmlArticleExtractor.Extract(Page($"<div class=\"intro\"><p>{Lead.TrimEnd('.')}</p></div>"));
        Assert.Contains(Lead.TrimEnd('.'), a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unnamed_line_before_the_body_without_a_headline_is_not_taken()
    {
        var a = HtmlArticleExtractor.Extract(Page($"<div class=\"box\"><p>{Lead}</p></div>"));
        Assert.DoesNotContain(Lead, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Photo_caption_before_the_body_is_not_taken_as_the_lead()
    {
        const string caption = "Prezident Astanada keçirilən rəsmi qarşılanma mərasimində, şəkildə nümayəndə heyəti ilə birlikdə.";
        var a = HtmlArticleExtractor.Extract(Page($"<h1>Əliyev Astanada</h1><div class=\"image-caption\"><p>{caption}</p></div>"));
        Assert.DoesNotContain(caption, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teaser_text_without_links_is_a_standfirst()
    {
        var a = HtmlArticleExtractor.Extract(Page($"<h1>Əliyev Astanada</h1><div class=\"teaser-text\"><p>{Lead}</p></div>"));
        Assert.Contains(Lead, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teasers_of_other_articles_are_left_out()
    {
        const string other = "Bakıda beynəlxalq neft və qaz sərgisi açılıb, iştirakçıların sayı ötən ilə nisbətən artıb.";
        string teasers = $"<div class=\"teaser-list\"><div class=\"teaser\"><h3><a href=\"/a\">Neft sərgisi açıldı</a></h3><p><a href=\"/a\">{other}</a></p></div>"
            + $"<div class=\"teaser\"><h3><a href=\"/b\">Qaz ixracı artdı</a></h3><p><a href=\"/b\">{other} İkinci.</a></p></div></div>";
        var a = HtmlArticleExtractor.Extract(Page("<h1>Əliyev Astanada</h1>", teasers));
        Assert.DoesNotContain("Bakıda beynəlxalq", a.Text, StringComparison.Ordinal);
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subheading_followed_by_an_ad_slot_keeps_its_section()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><h2>Orta Dəhliz layihələri</h2><div class=\"ad-slot\"><p>Reklam</p></div><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("Orta Dəhliz layihələri", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Heading_over_a_dropped_link_list_is_dropped()
    {
        string links = "<ul><li><a href=\"/1\">Neft sərgisi Bakıda açıldı</a></li><li><a href=\"/2\">Qaz ixracı rekord həddə çatdı</a></li><li><a href=\"/3\">Yeni yol layihəsi təsdiqləndi</a></li></ul>";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{Body2}</p><h3>Oxuyun</h3>{links}<p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.DoesNotContain("Oxuyun", a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscribe_and_follow_us_lines_inside_the_article_are_dropped()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{Body2}</p><p>Follow us on Telegram and subscribe to our newsletter for the latest news.</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.DoesNotContain("Follow us", a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Taxonomy_and_state_classes_on_the_article_do_not_make_it_boilerplate()
    {
        const string other = "Bakıda beynəlxalq neft və qaz sərgisi açılıb, iştirakçıların sayı ötən ilə nisbətən xeyli artıb. Sərgidə otuzdan çox ölkədən şirkətlər iştirak edir, enerji keçidi və bərpa olunan mənbələr müzakirə olunur, yeni müqavilələr imzalanır. Təşkilatçılar bildirib ki, gələn il sərginin miqyası daha da genişlənəcək.";
        string html = $"<html><body><div class=\"box1\"><p>{other}</p></div><article class=\"post node--promoted tag-newsletter category-social-media\"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p></article><div class=\"box2\"><p>{other} İkinci dəfə.</p></div></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Figure_captions_and_agency_credits_set_as_text_are_dropped()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>Abbildung 2: Astanada rəsmi qarşılanma mərasimi.</p><p>{Body2}</p><p>AFP / JOHN DOE</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.DoesNotContain("Abbildung 2", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("JOHN DOE", a.Text, StringComparison.Ordinal);
        Assert.Contains(Body2, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_list_before_the_first_paragraph_is_kept()
    {
        string html = $"<html><body><nav><a href=\"/\">Əsas</a></nav><article><h1>Plov</h1><ul><li>500 q düyü</li><li>1 kq quzu əti</li><li>3 baş soğan</li></ul><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("500 q düyü", a.Text, StringComparison.Ordinal);
        Assert.Contains("3 baş soğan", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Component_prefix_cmp_does_not_name_a_consent_box()
    {
        string html = $"<html><body><nav><a href=\"/\">Əsas</a></nav><main><div class=\"cmp-text\"><p>{Body1}</p></div><div class=\"cmp-text\"><p>{Body2}</p></div><div class=\"cmp-text\"><p>{Body3}</p></div></main></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Heading_id_is_an_anchor_not_a_box_name()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><h2 id=\"nav-orta-dehliz\">Orta Dəhliz layihələri</h2><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("Orta Dəhliz layihələri", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Caption_boxes_inside_the_article_are_dropped()
    {
        const string caption = "Prezident Astanada keçirilən rəsmi qarşılanma mərasimində nümayəndə heyəti ilə birlikdə, şəkildə soldan ikinci.";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><div class=\"article__legend\"><p>{caption}</p></div><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.DoesNotContain("soldan ikinci", a.Text, StringComparison.Ordinal);
        Assert.Contains(Body2, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Caption_that_is_most_of_the_text_is_kept()
    {
        const string caption = "Prezident Astanada keçirilən rəsmi qarşılanma mərasimində nümayəndə heyəti ilə birlikdə. Videoda səfərin ilk günü, Ali Dövlətlərarası Şuranın iclası və mətbuat konfransı göstərilir, sənədlərin imzalanması da var.";
        string html = $"<html><body><nav><a href=\"/\">Əsas</a></nav><article class=\"video\"><h1>Əliyev Astanada</h1><div class=\"item-caption\"><p>{caption}</p></div><p>Video 3 dəq.</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("Videoda səfərin ilk günü", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Taxonomy_class_that_names_a_caption_word_does_not_drop_paragraphs()
    {
        string html = $"<html><body><article class=\"post tag-credit-cards\"><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p>{Lead}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Lead, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_goes_on_after_a_related_box_inside_the_article()
    {
        string links = "<h4>Mövzu ilə bağlı</h4><ul class=\"list\"><li><a href=\"/1\">Neft sərgisi Bakıda açıldı</a></li><li><a href=\"/2\">Qaz ixracı rekord həddə çatdı</a></li></ul>";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><div class=\"text\"><p>{Body1}</p><p>{Body2}</p>{links}<p>{Body3}</p><p>{Body1} Yenə.</p></div></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Neft sərgisi", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_after_a_comments_heading_is_the_article()
    {
        const string promo = "Saytımızda reklam yerləşdirmək üçün bizimlə əlaqə saxlayın, ən çox oxunan xəbər portalında tam fərdiləşdirilmiş reklam paketləri təklif edirik və geniş auditoriyaya çatırıq.";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><div class=\"text\"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><h3>Comments</h3><p>{promo}</p><p>{promo} İkinci.</p></div></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reklam yerləşdirmək", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ruby_readings_are_not_part_of_the_text()
    {
        string html = $"<html><body><article><p>{Body1}</p><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("子どもへの虐待をなくすための法律ができました。", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentence_that_is_mostly_links_is_kept()
    {
        const string linked = "Əvvəllər o, uzun illər ərzində <a href=\"/a\">Azərbaycan Respublikası Dövlət Neft Şirkətində</a>, <a href=\"/c\">Energetika Nazirliyində</a> və <a href=\"/b\">Bakı Beynəlxalq Dəniz Ticarət Limanında</a> çalışıb.";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{linked}</p><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("Limanında çalışıb.", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Forum_thread_whose_posts_sit_in_comment_boxes_keeps_the_posts()
    {
        static string Post(string text) => $"<div class=\"comment\"><div class=\"comment-author\">istifadəçi</div><div class=\"comment-text\">{text}</div></div>";
        string html = "<html><body><nav><a href=\"/\">Forum</a> <a href=\"/new\">Yeni</a></nav><main><h2>Yeniləmədən sonra App Store açılmır</h2><div class=\"comments\">"
            + Post(Body1) + Post(Body2) + Post(Body3) + "</div></main><footer><a href=\"/about\">Haqqımızda</a></footer></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_under_an_article_stay_out()
    {
        const string reader = "Çox maraqlı yazıdır, amma müəllif Orta Dəhlizin iqtisadi tərəfini tam açmayıb, gələn dəfə daha ətraflı yazmağını istərdim.";
        string comments = $"<div class=\"comments\"><div class=\"comment\"><div class=\"comment-text\">{reader}</div></div><div class=\"comment\"><div class=\"comment-text\">{reader} Razıyam.</div></div></div>";
        var a = HtmlArticleExtractor.Extract(Page("<h1>Əliyev Astanada</h1>", comments));
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Çox maraqlı yazıdır", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void State_modifier_classes_do_not_make_a_box_boilerplate()
    {
        var a = HtmlArticleExtractor.Extract(Page($"<div class=\"head has-sharing\"><h1>Əliyev Astanada</h1><p class=\"abstract\">{Lead}</p></div>"));
        Assert.Contains(Lead, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Box_named_as_a_lead_is_taken_despite_caption_utility_classes()
    {
        const string deck = "İki ölkə arasında imzalanan sənədlər enerji, nəqliyyat və rəqəmsal sahələri əhatə edir, tərəflər Orta Dəhliz üzrə birgə layihələrin sürətləndirilməsi barədə razılığa gəliblər.";
        var a = HtmlArticleExtractor.Extract(Page($"<h1>Əliyev Astanada</h1><h2 class=\"hero__teaser caption-s5\">{deck}</h2>"));
        Assert.Contains(deck, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Standfirst_is_found_past_a_long_share_bar()
    {
        string share = "<ul class=\"share-buttons\">" + string.Concat(Enumerable.Range(1, 15).Select(i => $"<li><a href=\"/s{i}\">Paylaş {i}</a></li>")) + "</ul>";
        var a = HtmlArticleExtractor.Extract(Page($"<h1>Əliyev Astanada</h1><p>{Lead}</p>{share}"));
        Assert.StartsWith(Lead, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Disclosure_and_disclaimer_boxes_are_dropped_even_when_long()
    {
        const string disclosure = "Bu yazıda tərəfdaş şirkətlərin məhsullarına keçidlər var və onların vasitəsilə edilən alışlardan redaksiya komissiya ala bilər, lakin bu, rəylərimizə və qiymətləndirmələrimizə heç bir təsir göstərmir.";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p class=\"product-disclosure\">{disclosure}</p><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p class=\"editorial-disclaimer-text\">{disclosure} İkinci.</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tərəfdaş şirkətlərin", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teaser_box_with_a_read_more_link_is_left_out()
    {
        const string other = "Bakıda beynəlxalq neft və qaz sərgisi açılıb, iştirakçıların sayı ötən ilə nisbətən artıb və yeni müqavilələr imzalanıb.";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><div class=\"teaser\"><p>{other} <a href=\"/x\">Davamını oxuyun</a></p></div></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bakıda beynəlxalq", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_goes_on_after_a_boxed_further_reading_list()
    {
        string box = "<div class=\"box\"><div class=\"boxhead\">Weitere Informationen</div><ul><li><a href=\"/1\">Neft sərgisi Bakıda açıldı</a></li><li><a href=\"/2\">Qaz ixracı rekord həddə çatdı</a></li></ul></div>";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><div class=\"text\"><p>{Body1}</p><p>{Body2}</p>{box}<p>{Body3}</p><p>{Body1} Yenə.</p></div></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Weitere Informationen", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_label_at_the_end_closes_the_text()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><h4>Sources:</h4><p>Prezident.az saytında 20 oktyabr 2025-ci ildə dərc edilmiş rəsmi məlumat.</p><p>APA agentliyinin 21 oktyabr 2025-ci il tarixli xəbər buraxılışı.</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sources", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("APA agentliyinin", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Interface_prompts_inside_the_article_are_dropped()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p><p>Was this article helpful?</p><h3>Share this article with your friends</h3><p>No comments yet. Be the first to comment!</p><p>You are not logged in.</p><p>{Lead}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Lead, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("helpful", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Share this", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("No comments", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("logged in", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Expandable_read_more_text_box_is_kept_but_read_more_links_are_not()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><div class=\"js_readmore\"><p>{Body2}</p></div><p>{Body3}</p><p class=\"read-more\"><a href=\"/next\">Növbəti xəbəri oxuyun</a></p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body2, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Növbəti xəbəri", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bem_modifier_does_not_make_a_box_boilerplate()
    {
        string related = "<div class=\"paragraph paragraph--type--related-articles\"><p>Bakıda beynəlxalq neft və qaz sərgisi açılıb, iştirakçıların sayı ötən ilə nisbətən xeyli artıb, yeni müqavilələr imzalanıb.</p></div>";
        string other = string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>{Lead} Bu, mövzunun {i}-ci hissəsidir və əlavə məlumat verir.</p>"));
        string html = $"<html><body><nav><a href=\"/\">Əsas</a></nav><div class=\"pagebody pagebody--wsidebar\"><div class=\"article-body\"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p></div></div><div class=\"other\">{other}{related}</div></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
        Assert.Contains(Body3, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bakıda beynəlxalq", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Double_dash_between_words_still_names_the_article_body()
    {
        string other = string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>{Lead} Bu, mövzunun {i}-ci hissəsidir və əlavə məlumat verir, oxucular üçün.</p>"));
        string links = string.Concat(Enumerable.Range(1, 40).Select(i => $"<p><a href=\"/n{i}\">Xəbər başlığı nömrə {i} burada</a></p>"));
        string html = $"<html><body><div class=\"col\"><div class=\"post--content\"><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p></div></div><div class=\"links\">{links}</div><div class=\"col\"><div class=\"box\">{other}</div></div></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains(Body1, a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("mövzunun 1-ci hissəsidir", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_quote_and_label_lines_before_the_first_paragraph_are_kept()
    {
        string html = $"<html><body><nav><a href=\"/\">Əsas</a></nav><article><h1>Əliyev Astanada</h1><p>„Dostluq körpüsü“</p><p>Səfərin əsas nəticələri:</p><p>{Body1}</p><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("„Dostluq körpüsü“", a.Text, StringComparison.Ordinal);
        Assert.Contains("Səfərin əsas nəticələri:", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_in_one_unicode_form()
    {
        string decomposed = "Go\u0308yc\u0327ay rayonunda yeni ko\u0308rpu tikilib, sakinlər bu xəbərdən çox məmnundur və işlərin sürətini yüksək qiymətləndirirlər.";
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>{decomposed}</p><p>{Body2}</p><p>{Body3}</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.Contains("Göyçay rayonunda yeni körpu tikilib", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Caption_lines_ending_with_a_picture_credit_are_dropped()
    {
        string html = $"<html><body><article><h1>Əliyev Astanada</h1><p>{Body1}</p><p>Astanada rəsmi qarşılanma mərasimi. (Ad Soyad / iStock.com)</p><p>{Body2}</p><p>Prezident nümayəndə heyəti ilə birlikdə | © Prezident Mətbuat Xidməti</p><p>{Body3}</p><p>Tərəflər növbəti görüşün Bakıda keçiriləcəyini bildiriblər. (dpa)</p><p>Səfər barədə məlumatı APA yayıb. (Quelle: APA)</p></article></body></html>";
        var a = HtmlArticleExtractor.Extract(html);
        Assert.DoesNotContain("iStock", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mətbuat Xidməti", a.Text, StringComparison.Ordinal);
        Assert.Contains("Bakıda keçiriləcəyini bildiriblər. (dpa)", a.Text, StringComparison.Ordinal);
        Assert.Contains("(Quelle: APA)", a.Text, StringComparison.Ordinal);
    }
}
