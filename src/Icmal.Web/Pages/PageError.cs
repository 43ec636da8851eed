using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Icmal.Web.Pages;

/// <summary>What went wrong with a page request; <see cref="ErrorPage"/> says it in the interface language.</summary>
public enum PageError
{
    /// <summary>404: no route at this address.</summary>
    NoSuchAddress,
    /// <summary>404: no article with this id.</summary>
    NoSuchArticle,
    /// <summary>404: no story with this id.</summary>
    NoSuchStory,
    /// <summary>404: no entity with this id.</summary>
    NoSuchEntity,
    /// <summary>404: no section with this slug (the page names the sections there are).</summary>
    NoSuchCategory,
    /// <summary>400: <c>?page=</c> is not a whole number within bounds.</summary>
    BadPageNumber,
    /// <summary>400: a paging cursor or their combination is not one the portal made (the detail says which).</summary>
    BadPageAddress,
    /// <summary>405: a method other than GET or HEAD.</summary>
    ReadOnlyAddress,
    /// <summary>503: the request would write, and this portal serves a read-only database (a replica).</summary>
    ReadOnlyPortal,
    /// <summary>500: İcmal itself failed (a row it cannot read, a bug); the fault is logged, never shown.</summary>
    ServerFault,
}

/// <summary>The answers of the portal's pages, each a component rendered on the server.</summary>
public static class PageResults
{
    public static RazorComponentResult Error(PageError error, string? detail = null)
    {
        int status = error switch
        {
            PageError.BadPageNumber or PageError.BadPageAddress => StatusCodes.Status400BadRequest,
            PageError.ReadOnlyAddress => StatusCodes.Status405MethodNotAllowed,
            PageError.ReadOnlyPortal => StatusCodes.Status503ServiceUnavailable,
            PageError.ServerFault => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status404NotFound,
        };
        return new RazorComponentResult<ErrorPage>(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(ErrorPage.Error)] = error,
            [nameof(ErrorPage.Detail)] = detail,
        }) { StatusCode = status };
    }

    /// <summary>A page component with its parameters, answered 200.</summary>
    public static RazorComponentResult Page<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
}
