import { ImageResponse } from "next/og";

export const size = { width: 180, height: 180 };
export const contentType = "image/png";

/** The home-screen icon: the logo's rising line on the brand blue (no text, so no font needed). */
export default function AppleIcon() {
  return new ImageResponse(
    <div style={{ width: "100%", height: "100%", display: "flex", background: "#2550d9", borderRadius: 36 }}>
      <svg viewBox="0 0 32 32" width="180" height="180">
        <path
          d="M6 23 L13.5 14.5 L18.5 18.5 L26 9"
          fill="none"
          stroke="#fff"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="26" cy="9" r="2.4" fill="#fff" />
      </svg>
    </div>,
    size,
  );
}
