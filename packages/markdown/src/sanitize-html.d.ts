// Only the surface of sanitize-html 2.17 that this package uses (the published typings lag
// behind 2.17 and lack options we rely on, such as allowedEmptyAttributes).
declare module 'sanitize-html' {
  namespace sanitizeHtml {
    type Attributes = Record<string, string>;
    interface Tag {
      tagName: string;
      attribs: Attributes;
      text?: string;
    }
    type Transformer = (tagName: string, attribs: Attributes) => Tag;
    interface Options {
      allowedTags?: readonly string[] | false;
      allowedAttributes?: Record<string, readonly string[]> | false;
      allowedClasses?: Record<string, ReadonlyArray<string | RegExp>>;
      allowedSchemes?: readonly string[];
      allowedSchemesByTag?: Record<string, readonly string[]>;
      allowedSchemesAppliedToAttributes?: readonly string[];
      allowProtocolRelative?: boolean;
      allowedEmptyAttributes?: readonly string[];
      disallowedTagsMode?: 'discard' | 'completelyDiscard' | 'escape' | 'recursiveEscape';
      nonTextTags?: readonly string[];
      nestingLimit?: number;
      parseStyleAttributes?: boolean;
      selfClosing?: readonly string[];
      transformTags?: Record<string, Transformer>;
    }
  }
  function sanitizeHtml(dirty: string, options?: sanitizeHtml.Options): string;
  export = sanitizeHtml;
}
