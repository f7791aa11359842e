// Name resolution from the syntax alone, for JavaScript files: JavaScript is read, not
// type-checked (a 6 MB JS file overflowed the checker), so rules that resolve a name there
// look for its declaration in the enclosing scopes instead of asking the checker.
import { ts } from '../../syntax/ts.js';
import { isFunctionNode } from '../../analyze/ast.js';

function declares(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((el) => !ts.isOmittedExpression(el) && declares(el.name, text));
}

function inStatements(statements: readonly ts.Statement[], text: string): ts.Node | undefined {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (declares(d.name, text)) return d;
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === text) return s;
  }
  return undefined;
}

/**
 * The declaration `id` most likely refers to: the nearest enclosing block, loop head, catch
 * clause or function (parameters) that declares its name as a direct child. Undefined for globals.
 * `var`s nested in inner blocks are not hoisted here: a syntactic approximation.
 */
export function declarationByName(id: ts.Identifier): ts.Node | undefined {
  const text = id.text;
  for (let p: ts.Node | undefined = id.parent; p; p = p.parent) {
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      const found = inStatements(p.statements, text);
      if (found) return found;
    } else if ((ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer && ts.isVariableDeclarationList(p.initializer)) {
      for (const d of p.initializer.declarations) if (declares(d.name, text)) return d;
    } else if (ts.isCatchClause(p) && p.variableDeclaration && declares(p.variableDeclaration.name, text)) {
      return p.variableDeclaration;
    } else if (isFunctionNode(p)) {
      for (const param of (p as ts.SignatureDeclaration).parameters) if (declares(param.name, text)) return param;
    }
  }
  return undefined;
}

/** The initializer of a variable declaration found by `declarationByName`, without parentheses. */
export function initializerOf(decl: ts.Node | undefined): ts.Expression | undefined {
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return decl.initializer;
  return undefined;
}
