/** Draws a frame of Pong on a canvas: the field, both paddles, the ball and the score. */
import { DEFAULT_GAME_CONFIG } from '@arena/engine';
import type { Frame, PublicGameConfig } from './game.types';

export interface FieldLook {
  /** Highlights the paddle(s) this client moves. */
  own: 'left' | 'right' | 'both' | null;
}

const COLOURS = {
  field: '#10151f',
  line: '#2b3546',
  paddle: '#d8dee9',
  own: '#7fd1ae',
  ball: '#ffd166',
  score: '#8592a6',
};

export function prepareCanvas(canvas: HTMLCanvasElement, config: PublicGameConfig): void {
  canvas.width = config.width;
  canvas.height = config.height;
}

export function drawFrame(
  context: CanvasRenderingContext2D,
  config: PublicGameConfig & { paddleInset?: number },
  frame: Frame,
  look: FieldLook,
): void {
  const { width, height, paddleWidth, paddleHeight, ballRadius } = config;
  const inset = config.paddleInset ?? DEFAULT_GAME_CONFIG.paddleInset;
  context.fillStyle = COLOURS.field;
  context.fillRect(0, 0, width, height);

  context.fillStyle = COLOURS.line;
  for (let y = 10; y < height; y += 30) context.fillRect(width / 2 - 2, y, 4, 16);

  context.fillStyle = COLOURS.score;
  context.font = `bold ${Math.round(height / 8)}px system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillText(String(frame.score.left), width / 4, 20);
  context.fillText(String(frame.score.right), (width * 3) / 4, 20);

  for (const side of ['left', 'right'] as const) {
    const x = side === 'left' ? inset : width - inset - paddleWidth;
    const own = look.own === side || look.own === 'both';
    context.fillStyle = own ? COLOURS.own : COLOURS.paddle;
    context.fillRect(x, frame.paddles[side] - paddleHeight / 2, paddleWidth, paddleHeight);
  }

  context.fillStyle = COLOURS.ball;
  context.beginPath();
  context.arc(frame.ball.x, frame.ball.y, ballRadius, 0, Math.PI * 2);
  context.fill();
}

/** The frame of a match before its first state: paddles and ball in the middle. */
export function restingFrame(config: PublicGameConfig): Frame {
  return {
    ball: { x: config.width / 2, y: config.height / 2 },
    paddles: { left: config.height / 2, right: config.height / 2 },
    score: { left: 0, right: 0 },
  };
}
