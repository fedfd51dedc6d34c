"use client";
import { Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { Row, Section } from "./section";

const variants = ["default", "secondary", "outline", "ghost", "destructive", "link"] as const;
const sizes = ["sm", "default", "lg"] as const;

export function ButtonsSection() {
  return (
    <Section id="buttons" title="Buttons and badges">
      <Row label="Variants">
        {variants.map((variant) => (
          <Button key={variant} variant={variant}>
            {variant}
          </Button>
        ))}
      </Row>
      <Row label="Disabled">
        {variants.map((variant) => (
          <Button key={variant} variant={variant} disabled>
            {variant}
          </Button>
        ))}
      </Row>
      <Row label="Sizes, icon, loading, asChild link">
        {sizes.map((size) => (
          <Button key={size} size={size} variant="outline">
            <Plus aria-hidden="true" /> Size {size}
          </Button>
        ))}
        <Tooltip>
          <TooltipTrigger asChild>
            <Button size="icon" variant="outline" aria-label="Delete row">
              <Trash2 aria-hidden="true" />
            </Button>
          </TooltipTrigger>
          <TooltipContent>Delete row (icon button with a tooltip)</TooltipContent>
        </Tooltip>
        <Button loading>Saving…</Button>
        <Button asChild variant="secondary">
          <Link href="/">A link that looks like a button</Link>
        </Button>
      </Row>
      <Row label="Badges">
        <Badge>default</Badge>
        <Badge variant="secondary">secondary</Badge>
        <Badge variant="outline">outline</Badge>
        <Badge variant="success">published</Badge>
        <Badge variant="warning">draft</Badge>
        <Badge variant="destructive">deleted</Badge>
      </Row>
    </Section>
  );
}
