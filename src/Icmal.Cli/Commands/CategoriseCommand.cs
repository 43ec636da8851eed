using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Text.Categories;

namespace Icmal.Cli.Commands;

/// <summary>`icmal categorise`: gives every stored article its category again (after a new model or taxonomy), then prints the counts.</summary>
public static class CategoriseCommand
{
    public static Command Create()
    {
        var missing = new Option<bool>("--missing") { Description = "Only articles that have no category yet" };
        var command = new Command("categorise", "Categorise the archive again: the source's own section where the page gave one, else the headline classifier") { missing };
        command.SetAction((parse, ct) => CommonOptions.WithStoreGoingOverAsync(parse, ct, async store =>
        {
            var clock = Stopwatch.StartNew();
            int done = await store.Categories.CatchUpAsync(store.Articles, store.ItemErrors, all: !parse.GetValue(missing), ct);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"categorised {done:N0} articles in {clock.Elapsed.TotalSeconds:0.0} s"));
            var counts = await store.Categories.CountsAsync(ct);
            foreach (var category in NewsCategories.All)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{category.Slug()}\t{category.Name()}\t{counts.GetValueOrDefault(category):N0}"));
            return 0;
        }));
        return command;
    }
}
