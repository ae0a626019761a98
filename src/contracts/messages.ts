import { z } from 'zod';

const KIND_WORDS: Record<string, string> = {
  object: 'a JSON object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * Plain-language validation messages for the API (the details already name the field), installed once
 * for every schema: "must be at least 1" rather than the validator's "Too small: expected number to be >=1".
 */
z.config({
  customError(issue) {
    if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom')
      return 'is required';
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return 'is required';
        return `must be ${KIND_WORDS[issue.expected] ?? issue.expected}`;
      case 'too_small': {
        const bound = String(issue.minimum);
        if (issue.origin === 'string')
          return `must be at least ${bound} character${bound === '1' ? '' : 's'} long`;
        if (issue.origin === 'array' || issue.origin === 'set')
          return `must hold at least ${bound} item${bound === '1' ? '' : 's'}`;
        return issue.inclusive === false ? `must be greater than ${bound}` : `must be at least ${bound}`;
      }
      case 'too_big': {
        const bound = String(issue.maximum);
        if (issue.origin === 'string') return `must be at most ${bound} characters long`;
        if (issue.origin === 'array' || issue.origin === 'set') return `must hold at most ${bound} items`;
        return issue.inclusive === false ? `must be less than ${bound}` : `must be at most ${bound}`;
      }
      case 'invalid_value':
        return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      default:
        return undefined;
    }
  },
});
